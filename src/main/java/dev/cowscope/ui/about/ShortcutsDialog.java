package dev.cowscope.ui.about;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help ▸ Keyboard shortcuts: every menu accelerator, grouped by menu. */
public final class ShortcutsDialog {
    private ShortcutsDialog() {
        throw new AssertionError("no instances");
    }

    /** Builds (does not show) the dialog for {@code shortcuts} (see {@link Shortcuts#of}). */
    public static Dialog<Void> create(Window owner, List<Shortcut> shortcuts) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.setId("shortcuts-grid");
        grid.setHgap(24);
        grid.setVgap(3);
        grid.setPadding(new Insets(4, 12, 4, 4));
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(120);
        grid.getColumnConstraints().addAll(keys, new ColumnConstraints());
        int row = 0;
        String menu = null;
        for (Shortcut s : shortcuts) {
            if (!s.menu().equals(menu)) {
                menu = s.menu();
                Label head = new Label(menu);
                head.getStyleClass().add("section-title");
                head.setStyle("-fx-font-weight: bold; -fx-padding: " + (row == 0 ? "0" : "0.6em") + " 0 0.2em 0;");
                grid.add(head, 0, row++, 2, 1);
            }
            Label k = new Label(s.keys());
            k.getStyleClass().addAll("shortcut-keys", "mono");
            k.setStyle("-fx-font-family: 'DejaVu Sans Mono', 'Monospaced';");
            grid.add(k, 0, row);
            grid.add(new Label(s.item()), 1, row++);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(520, 24.0 * row + 8));
        scroll.setPrefViewportWidth(440);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("shortcuts-dialog");
        dialog.setResizable(true);
        return dialog;
    }
}
