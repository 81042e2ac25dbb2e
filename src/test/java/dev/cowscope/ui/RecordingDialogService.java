package dev.cowscope.ui;

import dev.cowscope.ui.common.DialogService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what view models asked to show. */
final class RecordingDialogService implements DialogService {
    record Shown(String kind, String title, String message, Throwable detail) {
    }

    final List<Shown> shown = new CopyOnWriteArrayList<>();

    @Override
    public void showError(String title, String message, Throwable detail) {
        shown.add(new Shown("error", title, message, detail));
    }

    @Override
    public void showInformation(String title, String message) {
        shown.add(new Shown("info", title, message, null));
    }
}
