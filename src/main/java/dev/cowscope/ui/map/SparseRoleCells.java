package dev.cowscope.ui.map;

import dev.cowscope.format.AreaLayout;
import java.util.Arrays;

/**
 * The roles of a COW device that is mostly free, held as what the layout says (header,
 * metadata chunks) plus the few chunks entries use: memory follows the entries, not the
 * device (a 16 TiB store of 512-byte chunks has 2^35 chunks). Ranges are counted with prefix
 * sums, so a pixel costs two binary searches however many chunks it covers.
 */
final class SparseRoleCells implements ChunkCells {
    private static final int HEADER = CowChunkRole.HEADER.ordinal();
    private static final int METADATA = CowChunkRole.METADATA.ordinal();
    private static final int FREE = CowChunkRole.FREE.ordinal();
    private static final int DATA = CowChunkRole.DATA.ordinal();
    private static final int SUSPECT = CowChunkRole.SUSPECT.ordinal();

    private final long chunkCount;
    private final AreaLayout layout;
    private final long[] marked; // distinct chunks with a role of their own, ascending
    private final int[] suspectBefore; // suspect chunks among marked[0, k)
    private final int[] metadataBefore; // metadata chunks among marked[0, k) (marked, so suspect)

    /**
     * @param used chunks entries point at, any order, repeats allowed (repeats are suspect)
     * @param suspect chunks findings mark suspect
     */
    SparseRoleCells(long chunkCount, AreaLayout layout, long[] used, long[] suspect) {
        this.chunkCount = chunkCount;
        this.layout = layout;
        long[] all = Arrays.copyOf(used, used.length + suspect.length);
        System.arraycopy(suspect, 0, all, used.length, suspect.length);
        Arrays.sort(all);
        long[] sortedSuspect = suspect.clone();
        Arrays.sort(sortedSuspect);
        int n = 0;
        boolean[] isSuspect = new boolean[all.length];
        for (int i = 0; i < all.length; i++) {
            long chunk = all[i];
            if (chunk <= 0 || chunk >= chunkCount) {
                continue;
            }
            boolean bad = layout.isMetadataChunk(chunk) || Arrays.binarySearch(sortedSuspect, chunk) >= 0;
            if (n > 0 && all[n - 1] == chunk) {
                isSuspect[n - 1] = true; // shared by two entries
                continue;
            }
            all[n] = chunk;
            isSuspect[n++] = bad;
        }
        this.marked = Arrays.copyOf(all, n);
        this.suspectBefore = new int[n + 1];
        this.metadataBefore = new int[n + 1];
        for (int k = 0; k < n; k++) {
            suspectBefore[k + 1] = suspectBefore[k] + (isSuspect[k] ? 1 : 0);
            metadataBefore[k + 1] = metadataBefore[k] + (layout.isMetadataChunk(marked[k]) ? 1 : 0);
        }
    }

    @Override
    public long chunkCount() {
        return chunkCount;
    }

    @Override
    public int roleCount() {
        return CowChunkRole.values().length;
    }

    @Override
    public int roleAt(long chunk) {
        if (chunk == 0) {
            return HEADER;
        }
        int k = Arrays.binarySearch(marked, chunk);
        if (k >= 0) {
            return suspectBefore[k + 1] > suspectBefore[k] ? SUSPECT : DATA;
        }
        return layout.isMetadataChunk(chunk) ? METADATA : FREE;
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        long end = Math.min(to, chunkCount);
        if (from >= end) {
            return -1;
        }
        int a = lowerBound(from);
        int b = lowerBound(end);
        long header = from == 0 ? 1 : 0;
        long metadata = layout.metadataChunksBelow(end) - layout.metadataChunksBelow(from);
        long markedMetadata = metadataBefore[b] - metadataBefore[a];
        long suspect = suspectBefore[b] - suspectBefore[a];
        long data = (b - a) - suspect;
        long free = (end - from) - header - metadata - (b - a - markedMetadata);
        int only = -1;
        only = add(counts, HEADER, header, only);
        only = add(counts, METADATA, metadata - markedMetadata, only);
        only = add(counts, FREE, free, only);
        only = add(counts, DATA, data, only);
        only = add(counts, SUSPECT, suspect, only);
        return Math.max(only, -1);
    }

    /** Adds {@code n} chunks of {@code role}; tracks whether the range has one role only (-2: several). */
    private static int add(int[] counts, int role, long n, int only) {
        if (n <= 0) {
            return only;
        }
        counts[role] += (int) Math.min(Integer.MAX_VALUE, n);
        return only == -1 ? role : -2;
    }

    private int lowerBound(long chunk) {
        int k = Arrays.binarySearch(marked, chunk);
        return k >= 0 ? k : -k - 1;
    }
}
