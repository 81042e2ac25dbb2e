package dev.cowscope.ui.common;

/** What view models may ask of the user; they never build {@code Alert}s themselves. */
public interface DialogService {
    /** Shows an error with a clear message and, expandable, the detail (the exception's chain). */
    void showError(String title, String message, Throwable detail);

    /** Shows a short confirmation that something worked. */
    void showInformation(String title, String message);
}
