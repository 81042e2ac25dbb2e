package dev.cowscope.monitor;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.SnapshotStatus;

/**
 * The chunk size behind a series of status numbers, which {@code dmsetup status} does not print
 * ({@code dmsetup table} does). A chunk size cs fits when every working sample has allocated and
 * metadata in whole chunks, at least two metadata chunks (header and area 0), and a current area
 * that agrees with the data chunks behind {@code next_free} ({@code area = ⌊committed / E⌋}, with
 * committed at most next_free's count). A log that starts near a fresh store leaves one answer;
 * a log that starts late may fit two, and then the smaller is taken and called ambiguous — the
 * rate in sectors is the same either way, only the last chunk's granularity differs. A transient
 * store (metadata 0) fits every power of two dividing its counts: the largest is taken, ambiguous.
 *
 * @param chunkSizeSectors the chunk size, or 0 when no working sample says anything
 * @param ambiguous more than one chunk size fits
 */
public record ChunkSizeGuess(long chunkSizeSectors, boolean ambiguous) {
    public static final ChunkSizeGuess NONE = new ChunkSizeGuess(0, false);

    /** Guesses from the series' working samples. */
    public static ChunkSizeGuess of(FillSeries series) {
        long smallest = 0;
        long largest = 0;
        int fits = 0;
        for (long cs = 1; cs <= AreaLayout.MAX_CHUNK_SIZE_SECTORS; cs <<= 1) {
            if (AreaLayout.refusal(cs) == null && fitsAll(series, cs)) {
                smallest = smallest == 0 ? cs : smallest;
                largest = cs;
                fits++;
            }
        }
        if (fits == 0) {
            return NONE;
        }
        // Every divisor of a transient store's counts fits; its chunk size is the largest one.
        return new ChunkSizeGuess(transientOnly(series) ? largest : smallest, fits > 1);
    }

    private static boolean transientOnly(FillSeries series) {
        for (int i = 0; i < series.size(); i++) {
            if (series.state(i) == SnapshotStatus.State.ACTIVE && series.metadata(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsAll(FillSeries series, long cs) {
        boolean any = false;
        for (int i = 0; i < series.size(); i++) {
            if (series.state(i) != SnapshotStatus.State.ACTIVE) {
                continue;
            }
            any = true;
            if (!fits(series.allocated(i), series.metadata(i), series.merging(i), cs)) {
                return false;
            }
        }
        return any;
    }

    static boolean fits(long allocated, long metadata, boolean merging, long cs) {
        if (allocated < 0 || metadata < 0 || allocated % cs != 0 || metadata % cs != 0) {
            return false;
        }
        if (metadata == 0) {
            return true; // transient: whole chunks is all there is to check
        }
        long nextFree = allocated / cs;
        long metadataChunks = metadata / cs;
        if (metadataChunks < 2 || nextFree < metadataChunks) {
            return false;
        }
        if (merging) {
            return true; // a merge rewinds next_free from the committed count: no finer rule holds
        }
        long area = metadataChunks - 2;
        long perArea = new AreaLayout(cs).exceptionsPerArea();
        long fullAreas = StoreRoom.dataChunks(nextFree, cs) / perArea;
        return area <= fullAreas && area + 1 >= fullAreas;
    }
}
