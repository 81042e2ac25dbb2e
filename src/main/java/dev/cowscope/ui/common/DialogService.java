package dev.cowscope.ui.common;

/** What view models may ask of the user; they never build {@code Alert}s themselves. */
public interface DialogService {
    /**
     * Shows an error with a clear message; for an internal error (a bug, not bad input) also the
     * stack trace, expandable under "Details".
     */
    void showError(String title, String message, Throwable detail);

    /** {@link #showError(String, String, Throwable)} with the failure's own message. */
    default void showError(String title, Throwable error) {
        showError(title, ErrorText.of(error), error);
    }

    /** Shows a short confirmation that something worked. */
    void showInformation(String title, String message);
}
