package dev.cowscope.ui.inspector;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Hexdump of the selected chunk: a virtualised list over row indexes (only visible rows become
 * cells), each row with offset, hex, ASCII and its decoded meaning; header fields and exception
 * entries are highlighted.
 */
public final class ChunkInspectorView extends BorderPane {
    private static final String[] KIND_CLASSES = {"row-plain", "row-header", "row-entry", "row-terminator", "row-stale", "row-selected-entry"};
    private final ListView<Integer> list = new ListView<>();

    public ChunkInspectorView(ChunkInspectorViewModel model) {
        getStyleClass().add("chunk-inspector");
        setId("chunk-inspector");
        Label heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(model.headingProperty());
        heading.setWrapText(true);
        setTop(heading);
        list.setId("hexdump");
        list.getStyleClass().add("hexdump");
        list.setItems(model.rows());
        list.setPlaceholder(new Label("Click a chunk in the map to see its bytes"));
        list.setFixedCellSize(-1);
        list.setCellFactory(view -> new HexRowCell(model));
        setCenter(list);
        model.bytesProperty().addListener((obs, was, now) -> {
            if (now != null) {
                int row = now.rowOfEntry(model.selectedEntry());
                list.scrollTo(Math.max(0, row - 3));
            }
        });
        model.main().selection().entryProperty().addListener((obs, was, now) -> list.refresh());
    }

    public ListView<Integer> list() {
        return list;
    }

    private static final class HexRowCell extends ListCell<Integer> {
        private final ChunkInspectorViewModel model;
        private final Label offset = new Label();
        private final Label hex = new Label();
        private final Label ascii = new Label();
        private final Label note = new Label();
        private final HBox row = new HBox(offset, hex, ascii, note);

        HexRowCell(ChunkInspectorViewModel model) {
            this.model = model;
            offset.getStyleClass().addAll("mono", "hex-offset");
            hex.getStyleClass().addAll("mono", "hex-bytes");
            ascii.getStyleClass().addAll("mono", "hex-ascii");
            note.getStyleClass().add("hex-note");
            HBox.setHgrow(note, Priority.ALWAYS);
            row.getStyleClass().add("hex-row");
        }

        @Override
        protected void updateItem(Integer index, boolean empty) {
            super.updateItem(index, empty);
            getStyleClass().removeAll(KIND_CLASSES);
            ChunkBytes bytes = model.bytesProperty().get();
            if (empty || index == null || bytes == null || index >= bytes.rowCount()) {
                setGraphic(null);
                setText(null);
                return;
            }
            int r = index;
            offset.setText(bytes.offsetText(r));
            hex.setText(bytes.hexText(r));
            ascii.setText(bytes.asciiText(r));
            note.setText(bytes.noteOf(r));
            getStyleClass().add(KIND_CLASSES[bytes.kindOf(r, model.selectedEntry()).ordinal()]);
            setGraphic(row);
            setText(null);
        }
    }
}
