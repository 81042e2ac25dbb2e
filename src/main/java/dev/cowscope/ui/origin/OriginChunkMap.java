package dev.cowscope.ui.origin;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Progress;
import dev.cowscope.ui.map.BitRoleCells;

/**
 * The origin's chunk space with one bit per chunk: set where the snapshot remaps it. The size
 * comes from the attached origin, else from the highest remapped old chunk (and says which).
 */
public final class OriginChunkMap {
    /** Largest origin the map draws. */
    public static final long MAX_CHUNKS = 1L << 31;

    public enum SizeSource { ATTACHED_ORIGIN, HIGHEST_OLD_CHUNK }

    private final BitRoleCells cells;
    private final SizeSource sizeSource;
    private final long remapped;
    private final long beyondEnd;
    private final long originChunks;

    private OriginChunkMap(BitRoleCells cells, SizeSource sizeSource, long remapped, long beyondEnd, long originChunks) {
        this.cells = cells;
        this.sizeSource = sizeSource;
        this.remapped = remapped;
        this.beyondEnd = beyondEnd;
        this.originChunks = originChunks;
    }

    /** @param originSizeBytes the attached origin's size, or -1 when none is attached */
    public static OriginChunkMap of(CowImage image, long originSizeBytes, Progress progress) {
        ExceptionTable table = image.exceptions();
        long chunkBytes = image.layout().map(l -> l.chunkSizeBytes()).orElse(1L);
        long chunks;
        SizeSource source;
        if (originSizeBytes >= 0) {
            chunks = (originSizeBytes + chunkBytes - 1) / chunkBytes;
            source = SizeSource.ATTACHED_ORIGIN;
        } else {
            long highest = -1;
            for (int i = 0; table != null && i < table.size(); i++) {
                long old = table.oldChunk(i);
                if (old >= 0 && old > highest) {
                    highest = old;
                }
            }
            chunks = highest + 1;
            source = SizeSource.HIGHEST_OLD_CHUNK;
        }
        long drawn = Math.min(chunks, MAX_CHUNKS);
        long[] bits = new long[(int) ((drawn + 63) / 64)];
        long remapped = 0;
        long beyond = 0;
        progress.begin("Mapping origin chunks", 1);
        for (int i = 0; table != null && i < table.size(); i++) {
            long old = table.oldChunk(i);
            if (old < 0 || old >= drawn) {
                beyond++;
                continue;
            }
            long word = bits[(int) (old >>> 6)];
            long bit = 1L << (old & 63);
            if ((word & bit) == 0) {
                bits[(int) (old >>> 6)] = word | bit;
                remapped++;
            }
        }
        progress.worked(1);
        return new OriginChunkMap(new BitRoleCells(bits, drawn), source, remapped, beyond, chunks);
    }

    public BitRoleCells cells() {
        return cells;
    }

    public SizeSource sizeSource() {
        return sizeSource;
    }

    /** Distinct origin chunks the snapshot remaps. */
    public long remappedChunks() {
        return remapped;
    }

    /** Entries whose old chunk lies past the origin's end (never read through the snapshot). */
    public long entriesBeyondEnd() {
        return beyondEnd;
    }

    public long originChunks() {
        return originChunks;
    }
}
