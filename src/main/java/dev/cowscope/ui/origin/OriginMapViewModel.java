package dev.cowscope.ui.origin;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The origin's chunk space: which chunks the snapshot remaps, and where to. */
public final class OriginMapViewModel {
    public static final int UNTOUCHED_ARGB = 0xFFEFE9DD;
    public static final int REMAPPED_ARGB = 0xFFC2410C;

    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<OriginChunkMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyStringWrapper sizeNote = new ReadOnlyStringWrapper(this, "sizeNote", "");
    static final String NOTHING_CLICKED = "Click a chunk to see its bytes on the origin and the COW chunk that replaces it.";
    private final ReadOnlyStringWrapper chunkDetails = new ReadOnlyStringWrapper(this, "chunkDetails", NOTHING_CLICKED);
    private final ReadOnlyLongWrapper clickedChunk = new ReadOnlyLongWrapper(this, "clickedChunk", -1);

    public OriginMapViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((obs, was, now) -> rebuild());
        main.originProperty().addListener((obs, was, now) -> rebuild());
        rebuild();
    }

    public ReadOnlyObjectProperty<OriginChunkMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    /** Where the origin size comes from, and the counts. */
    public ReadOnlyStringProperty sizeNoteProperty() {
        return sizeNote.getReadOnlyProperty();
    }

    public String describe(long first, long chunks) {
        OpenedImage doc = main.document();
        OriginChunkMap m = map.get();
        if (doc == null || m == null) {
            return "";
        }
        if (chunks > 1) {
            int[] counts = new int[2];
            m.cells().countRoles(first, first + chunks, counts);
            return "origin chunks " + Formats.grouped(first) + " – " + Formats.grouped(first + chunks - 1) + "\n"
                    + counts[1] + " of " + chunks + " remapped (" + Math.round(100.0 * counts[1] / chunks) + " %)";
        }
        ExceptionTable table = doc.image().exceptions();
        long newChunk = table.lookup(first);
        return "origin chunk " + Formats.grouped(first) + "\n" + (newChunk == ExceptionTable.NOT_REMAPPED
                ? "not remapped: read from the origin"
                : "remapped → COW chunk " + Formats.unsigned(newChunk) + " (" + table.locationOf(table.lookupEntry(first)) + ")");
    }

    /** What the last click showed: the origin chunk and where the snapshot reads it from. */
    public ReadOnlyStringProperty chunkDetailsProperty() {
        return chunkDetails.getReadOnlyProperty();
    }

    /** The clicked origin chunk, or -1. */
    public ReadOnlyLongProperty clickedChunkProperty() {
        return clickedChunk.getReadOnlyProperty();
    }

    /**
     * Shows origin chunk {@code originChunk} (its bytes on the origin and the COW chunk that replaces
     * it) and selects that COW chunk for the chunk map and the inspector.
     */
    public void select(long originChunk) {
        OpenedImage doc = main.document();
        if (doc == null || doc.image().layout().isEmpty()) {
            return;
        }
        clickedChunk.set(originChunk);
        chunkDetails.set(details(doc.image(), originChunk));
        int entry = doc.image().exceptions().lookupEntry(originChunk);
        if (entry >= 0) {
            main.selection().selectEntry(entry);
            long newChunk = doc.image().exceptions().newChunk(entry);
            if (newChunk >= 0 && newChunk < doc.chunkMap().chunkCount()) {
                main.selection().selectChunk(newChunk);
            }
        }
    }

    private static String details(CowImage image, long originChunk) {
        long chunkBytes = image.layout().orElseThrow().chunkSizeBytes();
        long from = originChunk * chunkBytes;
        String origin = "Origin chunk " + Formats.unsigned(originChunk) + ": origin bytes " + Formats.hex(from) + " – "
                + Formats.hex(from + chunkBytes - 1) + " (" + Formats.bytes(chunkBytes) + ")";
        ExceptionTable table = image.exceptions();
        int entry = table.lookupEntry(originChunk);
        if (entry < 0) {
            return origin + "\nNot remapped: the snapshot reads these bytes from the origin.";
        }
        long newChunk = table.newChunk(entry);
        return origin + "\nRemapped: the snapshot reads them from COW chunk " + Formats.unsigned(newChunk) + ", COW bytes "
                + Formats.hex(newChunk * chunkBytes) + " (" + table.locationOf(entry)
                + "). The chunk map and the inspector show that chunk.";
    }

    private void rebuild() {
        clickedChunk.set(-1);
        chunkDetails.set(NOTHING_CLICKED);
        OpenedImage doc = main.document();
        AttachedOrigin origin = main.originProperty().get();
        if (doc == null || doc.image().layout().isEmpty()) {
            map.set(null);
            sizeNote.set("No COW image open");
            return;
        }
        CowImage image = doc.image();
        long originBytes = origin == null ? -1 : origin.sizeBytes();
        main.tasks().run(Job.of("Mapping origin chunks", progress -> {
            image.exceptions().sortedByOld(); // build the lookup index off the FX thread
            return OriginChunkMap.of(image, originBytes, progress);
        }).onSuccess(m -> {
            if (main.document() != doc) {
                return;
            }
            map.set(m);
            String size = m.sizeSource() == OriginChunkMap.SizeSource.ATTACHED_ORIGIN
                    ? "origin size from the attached origin " + origin.path().getFileName() + " (" + Formats.bytes(originBytes) + ")"
                    : "origin size estimated from the highest remapped old chunk (attach the origin for its true size)";
            sizeNote.set(Formats.grouped(m.originChunks()) + " origin chunks, " + Formats.grouped(m.remappedChunks())
                    + " remapped · " + size + (m.entriesBeyondEnd() > 0 ? " · " + m.entriesBeyondEnd() + " entries past its end" : ""));
        }).onFailure(error -> sizeNote.set("Cannot map the origin: " + error.getMessage())));
    }
}
