package dev.cowscope.ui.inspector;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.LazyIndexList;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import dev.cowscope.ui.map.CowChunkMap;
import java.nio.ByteBuffer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Reads the selected chunk in the background and exposes it as hexdump rows. */
public final class ChunkInspectorViewModel {
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<ChunkBytes> bytes = new ReadOnlyObjectWrapper<>(this, "bytes");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "Select a chunk in the map");
    private final ObservableList<Integer> rows = FXCollections.observableArrayList();
    private TaskRunner.Cancellable reading = TaskRunner.Cancellable.DONE;

    public ChunkInspectorViewModel(MainViewModel main) {
        this.main = main;
        main.selection().chunkProperty().addListener((obs, was, now) -> load(now.longValue()));
        main.documentProperty().addListener((obs, was, now) -> load(-1));
    }

    public ReadOnlyObjectProperty<ChunkBytes> bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** Row indexes of the hexdump (a lazy list: nothing per row is stored). */
    public ObservableList<Integer> rows() {
        return rows;
    }

    public int selectedEntry() {
        return main.selection().entry();
    }

    public MainViewModel main() {
        return main;
    }

    private void load(long chunk) {
        reading.cancel();
        OpenedImage doc = main.document();
        if (doc == null || chunk < 0 || doc.image().layout().isEmpty()) {
            bytes.set(null);
            rows.setAll(new LazyIndexList(0, 0));
            heading.set("Select a chunk in the map");
            return;
        }
        CowImage image = doc.image();
        AreaLayout layout = image.requireLayout();
        heading.set(describe(doc.chunkMap(), image, layout, chunk) + " · reading…");
        reading = main.tasks().run(Job.of("Reading chunk " + chunk, progress -> {
            int length = (int) Math.min(layout.chunkSizeBytes(), ChunkBytes.MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            doc.source().prepareRead(layout.chunkOffsetBytes(chunk), length, progress); // a compressed image unpacks its data once
            doc.source().readFully(layout.chunkOffsetBytes(chunk), buffer);
            return new ChunkBytes(image, chunk, buffer.array());
        }).onSuccess(read -> {
            if (main.document() != doc) {
                return;
            }
            bytes.set(read);
            rows.setAll(new LazyIndexList(0, read.rowCount()));
            heading.set(describe(doc.chunkMap(), image, layout, chunk)
                    + (read.clipped() ? " · first " + Formats.bytes(ChunkBytes.MAX_BYTES) + " shown" : ""));
        }).onFailure(error -> {
            bytes.set(null);
            rows.setAll(new LazyIndexList(0, 0));
            heading.set("Chunk " + chunk + ": cannot read it: " + error.getMessage());
        }));
    }

    static String describe(CowChunkMap map, CowImage image, AreaLayout layout, long chunk) {
        StringBuilder b = new StringBuilder("Chunk ").append(Formats.grouped(chunk)).append(" @")
                .append(Formats.hex(layout.chunkOffsetBytes(chunk))).append(" · ").append(map.roleOf(chunk).label());
        if (chunk == 0) {
            b.append(" · header fields decoded beside the first row");
        } else if (layout.isMetadataChunk(chunk)) {
            b.append(" · area ").append(layout.areaOfChunk(chunk)).append(": one exception entry per row");
        } else {
            int entry = map.entryUsing(chunk);
            if (entry >= 0) {
                b.append(" · holds origin chunk ").append(Formats.unsigned(image.exceptions().oldChunk(entry)))
                        .append(" (").append(image.exceptions().locationOf(entry)).append(')');
            }
        }
        return b.toString();
    }
}
