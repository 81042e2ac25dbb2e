package dev.cowscope.ui.chunkmap;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import dev.cowscope.ui.map.CowChunkMap;
import dev.cowscope.ui.map.CowChunkRole;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The COW chunk map: cells, legend counts, hover descriptions, selection. */
public final class ChunkMapViewModel {
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<CowChunkMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ObservableList<LegendEntry> legend = FXCollections.observableArrayList();

    public ChunkMapViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((obs, was, now) -> show(now));
        show(main.document());
    }

    public ReadOnlyObjectProperty<CowChunkMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ObservableList<LegendEntry> legend() {
        return legend;
    }

    public MainViewModel main() {
        return main;
    }

    /** Selects a chunk (and, for a data chunk, the entry that uses it). */
    public void select(long chunk) {
        CowChunkMap m = map.get();
        if (m == null) {
            return;
        }
        main.selection().selectChunk(chunk);
        int entry = m.entryUsing(chunk);
        if (entry >= 0) {
            main.selection().selectEntry(entry);
        }
    }

    /** Tooltip text for a cell. */
    public String describe(long first, long chunks) {
        CowChunkMap m = map.get();
        if (m == null || first < 0) {
            return "";
        }
        if (chunks > 1) {
            return describeRange(m, first, chunks);
        }
        CowImage image = m.image();
        AreaLayout layout = image.requireLayout();
        StringBuilder text = new StringBuilder();
        CowChunkRole role = m.roleOf(first);
        text.append("chunk ").append(Formats.grouped(first)).append(" @").append(Formats.hex(layout.chunkOffsetBytes(first)))
                .append('\n').append(role.label());
        long area = layout.areaOfChunk(first);
        if (area >= 0) {
            text.append("\narea ").append(area).append(" (metadata chunk ").append(Formats.grouped(layout.areaLocation(area))).append(')');
        }
        int entry = m.entryUsing(first);
        if (entry >= 0) {
            ExceptionTable table = image.exceptions();
            text.append("\nold ").append(Formats.unsigned(table.oldChunk(entry))).append(" → new ")
                    .append(Formats.unsigned(table.newChunk(entry))).append("  (").append(table.locationOf(entry)).append(')');
        }
        return text.toString();
    }

    private static String describeRange(CowChunkMap m, long first, long chunks) {
        int[] counts = new int[CowChunkRole.values().length];
        m.cells().countRoles(first, first + chunks, counts);
        StringBuilder text = new StringBuilder("chunks ").append(Formats.grouped(first)).append(" – ")
                .append(Formats.grouped(first + chunks - 1)).append(" (").append(chunks).append(" chunks)");
        for (CowChunkRole role : CowChunkRole.values()) {
            if (counts[role.ordinal()] > 0) {
                text.append('\n').append(role.label()).append(": ").append(counts[role.ordinal()]);
            }
        }
        return text.toString();
    }

    private void show(OpenedImage doc) {
        CowChunkMap m = doc == null ? null : doc.chunkMap();
        map.set(m);
        // every role, counted 0 with no image: the view makes its entries once, before the first image
        List<LegendEntry> entries = new ArrayList<>();
        for (CowChunkRole role : CowChunkRole.values()) {
            entries.add(new LegendEntry(role, m == null ? 0 : m.count(role)));
        }
        legend.setAll(entries);
    }

    /** A role and how many chunks have it. */
    public record LegendEntry(CowChunkRole role, long chunks) {
    }
}
