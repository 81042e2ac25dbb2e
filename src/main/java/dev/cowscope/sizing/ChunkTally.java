package dev.cowscope.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns changed-sector bitmaps, one per 1 MiB window in ascending order, into distinct changed-chunk
 * counts for chunk sizes of 2^0 … 2^21 sectors. A chunk of 2^k sectors is changed when any of its
 * sectors is. Chunks up to 2^11 sectors lie inside one window and are counted by folding the
 * bitmap; larger chunks span windows and are counted once per distinct chunk index.
 */
final class ChunkTally {
    static final int WINDOW_SECTORS = 2048;
    static final int WINDOW_LONGS = WINDOW_SECTORS / Long.SIZE;
    private static final int WINDOW_EXPONENT = 11;

    private final long[] changedChunks = new long[ChangedChunks.CHUNK_SIZE_EXPONENTS];
    private final long[] lastLargeChunk = new long[ChangedChunks.CHUNK_SIZE_EXPONENTS];

    ChunkTally() {
        java.util.Arrays.fill(lastLargeChunk, -1);
    }

    /** Adds window {@code windowIndex}; bit {@code i} of {@code bitmap[j]} is sector {@code 64·j + i} of the window. */
    void addWindow(long windowIndex, long[] bitmap) {
        int changedLongs = 0;
        for (int j = 0; j < WINDOW_LONGS; j++) {
            long x = bitmap[j];
            if (x == 0) {
                continue;
            }
            changedLongs |= 1 << j;
            changedChunks[0] += Long.bitCount(x);
            long x1 = (x | x >>> 1) & 0x5555555555555555L;
            changedChunks[1] += Long.bitCount(x1);
            long x2 = (x1 | x1 >>> 2) & 0x1111111111111111L;
            changedChunks[2] += Long.bitCount(x2);
            long x3 = (x2 | x2 >>> 4) & 0x0101010101010101L;
            changedChunks[3] += Long.bitCount(x3);
            long x4 = (x3 | x3 >>> 8) & 0x0001000100010001L;
            changedChunks[4] += Long.bitCount(x4);
            long x5 = (x4 | x4 >>> 16) & 0x0000000100000001L;
            changedChunks[5] += Long.bitCount(x5);
            changedChunks[6]++;
        }
        if (changedLongs == 0) {
            return;
        }
        int y1 = (changedLongs | changedLongs >>> 1) & 0x55555555;
        changedChunks[7] += Integer.bitCount(y1);
        int y2 = (y1 | y1 >>> 2) & 0x11111111;
        changedChunks[8] += Integer.bitCount(y2);
        int y3 = (y2 | y2 >>> 4) & 0x01010101;
        changedChunks[9] += Integer.bitCount(y3);
        int y4 = (y3 | y3 >>> 8) & 0x00010001;
        changedChunks[10] += Integer.bitCount(y4);
        changedChunks[WINDOW_EXPONENT]++;
        for (int k = WINDOW_EXPONENT + 1; k < ChangedChunks.CHUNK_SIZE_EXPONENTS; k++) {
            long chunk = windowIndex >>> (k - WINDOW_EXPONENT);
            if (chunk != lastLargeChunk[k]) {
                lastLargeChunk[k] = chunk;
                changedChunks[k]++;
            }
        }
    }

    List<ChunkCount> counts() {
        List<ChunkCount> counts = new ArrayList<>();
        for (int k = 0; k < ChangedChunks.CHUNK_SIZE_EXPONENTS; k++) {
            counts.add(new ChunkCount(1L << k, changedChunks[k]));
        }
        return counts;
    }
}
