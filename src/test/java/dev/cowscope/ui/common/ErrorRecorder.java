package dev.cowscope.ui.common;

import java.util.List;

/** A dialog service for view-model tests: each error shown becomes "title: message" in the given list. */
public final class ErrorRecorder implements DialogService {
    private final List<String> errors;

    public ErrorRecorder(List<String> errors) {
        this.errors = errors;
    }

    @Override
    public void showError(String title, String message, Throwable detail) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
    }
}
