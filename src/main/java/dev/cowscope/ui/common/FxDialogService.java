package dev.cowscope.ui.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** Dialogs as JavaFX {@link Alert}s owned by the main window; the detail is expandable. */
public final class FxDialogService implements DialogService {
    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message, Throwable detail) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("error-dialog");
        if (isInternal(detail)) {
            alert.setContentText(message + "\n\nThis is a bug in CowScope, not a fault of the input: please report it with the details below.");
            TextArea text = new TextArea(stackTrace(detail));
            text.setEditable(false);
            text.setWrapText(false);
            text.setPrefRowCount(14);
            GridPane.setVgrow(text, Priority.ALWAYS);
            GridPane.setHgrow(text, Priority.ALWAYS);
            GridPane expandable = new GridPane();
            expandable.add(new Label("Details:"), 0, 0);
            expandable.add(text, 0, 1);
            alert.getDialogPane().setExpandableContent(expandable);
        }
        alert.show();
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.show();
    }

    /**
     * An error the code did not expect. Unreadable or unusable input (I/O errors, refused
     * values, a cancel) is told by its message alone; a stack trace would only alarm.
     */
    static boolean isInternal(Throwable error) {
        return error != null && !(error instanceof java.io.IOException) && !(error instanceof java.io.UncheckedIOException)
                && !(error instanceof IllegalArgumentException) && !(error instanceof java.util.concurrent.CancellationException);
    }

    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
