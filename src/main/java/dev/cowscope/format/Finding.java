package dev.cowscope.format;

/**
 * One thing worth telling about an image or an input: what, how bad, where, in words a user understands.
 *
 * @param hint what a person can do about it; empty when there is nothing to suggest
 */
public record Finding(Severity severity, FindingKind kind, Location location, String message, String hint) {
    /** A finding with no hint. */
    public Finding(Severity severity, FindingKind kind, Location location, String message) {
        this(severity, kind, location, message, "");
    }

    public static Finding of(FindingKind kind, Location location, String message) {
        return new Finding(kind.defaultSeverity(), kind, location, message);
    }

    public static Finding of(FindingKind kind, Location location, String message, String hint) {
        return new Finding(kind.defaultSeverity(), kind, location, message, hint);
    }

    @Override
    public String toString() {
        return severity + " " + kind + " at " + location + ": " + message;
    }
}
