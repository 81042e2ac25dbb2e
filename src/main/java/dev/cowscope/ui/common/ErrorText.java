package dev.cowscope.ui.common;

/** The one sentence a dialog or status line shows for a failure. */
public final class ErrorText {
    private ErrorText() {
        throw new AssertionError("no instances");
    }

    /** The exception's own message (ours are written for people); its type only when it has none. */
    public static String of(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
