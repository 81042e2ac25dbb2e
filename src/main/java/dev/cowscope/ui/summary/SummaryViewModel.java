package dev.cowscope.ui.summary;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.format.Finding;
import dev.cowscope.ui.MainViewModel;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.document.OpenedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;

/** Header, geometry, state and findings of the open image. */
public final class SummaryViewModel {
    private final MainViewModel main;
    private final ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");

    public SummaryViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((obs, was, now) -> show(now));
        show(main.document());
    }

    public ObservableList<PropertySheet.Item> items() {
        return items;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** FRESH, VALID, INVALID, … or empty. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What {@code dmsetup status} prints for this store. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public void goTo(Finding finding) {
        main.goTo(finding);
    }

    private void show(OpenedImage doc) {
        if (doc == null) {
            // the rows stay (hidden with the summary) so that the next image only changes values
            items.forEach(item -> ((SummaryItem) item).showValue(""));
            findings.clear();
            state.set("");
            statusLine.set("");
            source.set("");
            return;
        }
        CowImage image = doc.image();
        state.set(image.state().name());
        statusLine.set(image.usage().map(u -> u.dmsetupStatus()).orElse("— (the kernel would not load this store)"));
        source.set(image.source().path() + " · " + image.source().kind().label() + " · " + Formats.bytes(image.source().sizeBytes()));
        showRows(rows(image));
        findings.setAll(image.findings());
    }

    /** New values into the same rows where the image has the same ones; new rows only otherwise. */
    private void showRows(List<SummaryItem> rows) {
        boolean same = rows.size() == items.size();
        for (int i = 0; same && i < rows.size(); i++) {
            same = ((SummaryItem) items.get(i)).sameRow(rows.get(i));
        }
        if (!same) {
            items.setAll(rows);
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            ((SummaryItem) items.get(i)).showValue((String) rows.get(i).getValue());
        }
    }

    private static List<SummaryItem> rows(CowImage image) {
        List<SummaryItem> rows = new ArrayList<>();
        DiskHeader h = image.header();
        String header = "Header";
        rows.add(new SummaryItem(header, "Magic", h.magicHex() + (h.hasSnapMagic() ? " (SnAp)" : ""), "SNAP_MAGIC is 0x70416e53; 0 means a new COW"));
        rows.add(new SummaryItem(header, "Valid", Long.toString(h.valid()), "0 once the kernel has invalidated the snapshot"));
        rows.add(new SummaryItem(header, "Version", Long.toString(h.version()), "Only version 1 exists"));
        rows.add(new SummaryItem(header, "Chunk size", h.chunkSizeSectors() + " sectors", "From the on-disk header"));
        String geometry = "Geometry";
        rows.add(new SummaryItem(geometry, "Device", Formats.grouped(image.deviceSectors()) + " sectors", "Size of the COW device"));
        image.layout().ifPresent(layout -> addGeometry(rows, geometry, image, layout));
        return rows;
    }

    private static void addGeometry(List<SummaryItem> rows, String geometry, CowImage image, AreaLayout layout) {
        rows.add(new SummaryItem(geometry, "Chunk size in use", Formats.bytes(layout.chunkSizeBytes())
                + (image.chunkSizeFromTable() ? " (from the table)" : ""), "The chunk size the kernel uses"));
        rows.add(new SummaryItem(geometry, "Device chunks", Formats.grouped(image.deviceChunks()), "Whole chunks on the device"));
        rows.add(new SummaryItem(geometry, "Exceptions per area", Formats.grouped(layout.exceptionsPerArea()), "Chunk bytes / 16"));
        rows.add(new SummaryItem(geometry, "Areas read", Formats.grouped(image.areasRead()), "Exception areas the walk read"));
        rows.add(new SummaryItem(geometry, "Exceptions", Formats.grouped(image.exceptions().size())
                + (image.exceptions().isSequential() ? " (sequential)" : ""), "Committed entries"));
        rows.add(new SummaryItem(geometry, "next_free", Formats.unsigned(image.nextFree()), "The chunk the kernel allocates next"));
        rows.add(new SummaryItem(geometry, "Current area", image.currentArea() + " (" + image.currentCommitted() + " committed)",
                "current_area and current_committed after loading"));
    }
}
