package dev.cowscope.format;

/** One thing worth telling about an image: what, how bad, where, in words a user understands. */
public record Finding(Severity severity, FindingKind kind, Location location, String message) {
    public static Finding of(FindingKind kind, Location location, String message) {
        return new Finding(kind.defaultSeverity(), kind, location, message);
    }

    @Override
    public String toString() {
        return severity + " " + kind + " at " + location + ": " + message;
    }
}
