package dev.cowscope.alignment;

/** Input text (filefrag output, a dm table, a limits string) that cannot be understood; names the line. */
public final class InputFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    /** @param lineNumber 1-based line of the input, or 0 when the problem is not tied to a line */
    public InputFormatException(int lineNumber, String message) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + message : message);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number, 0 when not tied to a line. */
    public int lineNumber() {
        return lineNumber;
    }
}
