package dev.cowscope.ui.areas;

import dev.cowscope.format.AreaSummary;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.ui.common.Formats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/** Areas table (with an inline fill bar) above the picked area's entries; find by old or new chunk. */
public final class AreasView extends BorderPane {
    private final TableView<AreaSummary> areaTable = new TableView<>();
    private final TableView<Integer> entryTable = new TableView<>();

    public AreasView(AreasViewModel model) {
        getStyleClass().add("areas-view");
        setId("areas");
        areaTable.setId("area-table");
        areaTable.setItems(model.areas());
        areaTable.setPlaceholder(new Label("No exception areas"));
        areaTable.getColumns().add(column("Area", a -> Formats.grouped(a.index())));
        areaTable.getColumns().add(column("Metadata\nchunk", a -> Formats.grouped(a.metadataChunk())));
        areaTable.getColumns().add(column("Entries", a -> Formats.grouped(a.entries()) + " / " + Formats.grouped(a.capacity())));
        areaTable.getColumns().add(fillColumn());
        areaTable.getColumns().add(column("First data\nchunk", a -> a.entries() == 0 ? "—" : Formats.unsigned(a.firstDataChunk())));
        areaTable.getColumns().add(column("Last data\nchunk", a -> a.entries() == 0 ? "—" : Formats.unsigned(a.lastDataChunk())));
        areaTable.getColumns().add(column("Consecutive\nruns", a -> Formats.grouped(a.consecutiveRuns())));
        areaTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        areaTable.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.selectArea(now);
            }
        });
        model.selectedAreaProperty().addListener((obs, was, now) -> {
            if (now != null && areaTable.getSelectionModel().getSelectedItem() != now) {
                areaTable.getSelectionModel().select(now);
                areaTable.scrollTo(now);
            }
        });

        entryTable.setId("entry-table");
        entryTable.setItems(model.entries());
        entryTable.setPlaceholder(new Label("Pick an area to list its entries"));
        entryTable.setFixedCellSize(-1);
        entryTable.getColumns().add(entryColumn("Entry", (t, i) -> Formats.grouped(t.slotOf(i)), model));
        entryTable.getColumns().add(entryColumn("old_chunk", (t, i) -> Formats.unsigned(t.oldChunk(i)), model));
        entryTable.getColumns().add(entryColumn("new_chunk", (t, i) -> Formats.unsigned(t.newChunk(i)), model));
        entryTable.getColumns().add(entryColumn("Entry @", (t, i) -> Formats.hex(t.locationOf(i).offsetBytes()), model));
        entryTable.getColumns().add(entryColumn("Origin bytes @", (t, i) -> offset(t, t.oldChunk(i)), model));
        entryTable.getColumns().add(entryColumn("COW bytes @", (t, i) -> offset(t, t.newChunk(i)), model));
        entryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        entryTable.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.selectEntry(now);
            }
        });
        model.main().selection().entryProperty().addListener((obs, was, now) -> showEntry(now.intValue()));
        model.entries().addListener((javafx.collections.ListChangeListener<Integer>) c -> showEntry(model.main().selection().entry()));

        TextField find = new TextField();
        find.setId("find-chunk");
        find.setPromptText("chunk number");
        find.setTooltip(new Tooltip("A chunk number (decimal or 0x…) to find among the entries"));
        Button byOld = new Button("Find old");
        byOld.setTooltip(new Tooltip("Find the entry remapping this origin chunk (the one the kernel's lookup uses)"));
        byOld.setOnAction(e -> model.findOld(find.getText()));
        Button byNew = new Button("Find new");
        byNew.setTooltip(new Tooltip("Find the entry whose data sits in this COW chunk"));
        byNew.setOnAction(e -> model.findNew(find.getText()));
        find.setOnAction(e -> model.findOld(find.getText()));
        Label result = new Label();
        result.getStyleClass().add("dim");
        result.textProperty().bind(model.findResultProperty());
        setTop(new ToolBar(new Label("Find"), find, byOld, byNew, result));

        SplitPane split = new SplitPane(areaTable, entryTable);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    public TableView<AreaSummary> areaTable() {
        return areaTable;
    }

    public TableView<Integer> entryTable() {
        return entryTable;
    }

    private void showEntry(int entry) {
        int row = entryTable.getItems().indexOf(entry);
        if (row >= 0) {
            if (entryTable.getSelectionModel().getSelectedIndex() != row) {
                entryTable.getSelectionModel().clearAndSelect(row);
            }
            entryTable.scrollTo(Math.max(0, row - 2));
        }
    }

    private static String offset(ExceptionTable table, long chunk) {
        try {
            return Formats.hex(table.layout().chunkOffsetBytes(chunk));
        } catch (ArithmeticException e) {
            return "overflow";
        }
    }

    private static TableColumn<AreaSummary, String> column(String title, Function<AreaSummary, String> text) {
        TableColumn<AreaSummary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    private static TableColumn<AreaSummary, AreaSummary> fillColumn() {
        TableColumn<AreaSummary, AreaSummary> column = new TableColumn<>("% full");
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label label = new Label();
            private final StackPane pane = new StackPane(bar, label);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.getStyleClass().add("fill-bar");
                label.getStyleClass().add("fill-label");
            }

            @Override
            protected void updateItem(AreaSummary area, boolean empty) {
                super.updateItem(area, empty);
                if (empty || area == null) {
                    setGraphic(null);
                    return;
                }
                bar.setProgress(area.capacity() == 0 ? 0 : (double) area.entries() / area.capacity());
                label.setText(Formats.percent(area.percentFull()));
                setGraphic(pane);
            }
        });
        return column;
    }

    private interface EntryText {
        String apply(ExceptionTable table, int entry);
    }

    private static TableColumn<Integer, String> entryColumn(String title, EntryText text, AreasViewModel model) {
        TableColumn<Integer, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setCellValueFactory(cell -> {
            ExceptionTable table = model.table();
            return new ReadOnlyStringWrapper(table == null ? "" : text.apply(table, cell.getValue()));
        });
        return column;
    }
}
