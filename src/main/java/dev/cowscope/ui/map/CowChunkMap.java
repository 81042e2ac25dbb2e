package dev.cowscope.ui.map;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Progress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The role of every chunk of a COW device (one byte each, or, for a device far larger than its
 * table, the layout plus the used chunks: {@link SparseRoleCells}), computed once off the FX
 * thread from the layout, the exception table and the findings, plus the reverse map from a data chunk to the
 * entry that uses it ({@link ExceptionTable#entryUsing}).
 */
public final class CowChunkMap {
    /** Findings whose entry's new chunk is marked suspect. */
    private static final Set<FindingKind> SUSPECT_KINDS = EnumSet.of(FindingKind.NEW_CHUNK_IN_METADATA,
            FindingKind.NEW_CHUNK_PAST_END, FindingKind.SHARED_NEW_CHUNK, FindingKind.DUPLICATE_OLD_CHUNK);
    /** Largest device the byte-per-chunk map draws. */
    public static final long MAX_CHUNKS = Integer.MAX_VALUE - 8;
    /** From here on, a device sixteen times larger than its table is mapped sparsely. */
    private static final long SPARSE_FROM_CHUNKS = 1L << 24;

    private final CowImage image;
    private final ChunkCells cells;
    private final long[] roleCounts;
    private final boolean truncated;

    private CowChunkMap(CowImage image, ChunkCells cells, long[] roleCounts, boolean truncated) {
        this.image = image;
        this.cells = cells;
        this.roleCounts = roleCounts;
        this.truncated = truncated;
    }

    /** An image without a usable layout has an empty map. */
    public static CowChunkMap of(CowImage image, Progress progress) {
        if (image.layout().isEmpty()) {
            return new CowChunkMap(image, new ByteRoleCells(new byte[0], CowChunkRole.values().length),
                    new long[CowChunkRole.values().length], false);
        }
        AreaLayout layout = image.requireLayout();
        long deviceChunks = image.deviceChunks();
        ExceptionTable table = image.exceptions();
        if (deviceChunks > SPARSE_FROM_CHUNKS && deviceChunks / 16 > table.size()) {
            return sparse(image, layout, progress);
        }
        boolean truncated = deviceChunks > MAX_CHUNKS;
        int n = (int) Math.min(deviceChunks, MAX_CHUNKS);
        progress.begin("Mapping chunks", 3);
        byte[] roles = new byte[n];
        Arrays.fill(roles, (byte) CowChunkRole.FREE.ordinal());
        if (n > 0) {
            roles[0] = (byte) CowChunkRole.HEADER.ordinal();
        }
        long stride = layout.areaStrideChunks();
        for (long c = AreaLayout.HEADER_CHUNKS; c < n; c += stride) {
            roles[(int) c] = (byte) CowChunkRole.METADATA.ordinal();
        }
        progress.worked(1);
        byte data = (byte) CowChunkRole.DATA.ordinal();
        byte free = (byte) CowChunkRole.FREE.ordinal();
        byte suspect = (byte) CowChunkRole.SUSPECT.ordinal();
        for (int i = 0; i < table.size(); i++) {
            if ((i & 0xFFFFF) == 0) {
                progress.checkCancelled();
            }
            long chunk = table.newChunk(i);
            if (chunk >= 0 && chunk < n) {
                byte was = roles[(int) chunk];
                roles[(int) chunk] = was == free ? data : suspect;
            }
        }
        for (long chunk : suspectChunks(image)) {
            if (chunk >= 0 && chunk < n) {
                roles[(int) chunk] = suspect;
            }
        }
        progress.worked(1);
        long[] counts = new long[CowChunkRole.values().length];
        for (byte role : roles) {
            counts[role]++;
        }
        progress.worked(1);
        return new CowChunkMap(image, new ByteRoleCells(roles, CowChunkRole.values().length), counts, truncated);
    }

    /** A device far larger than its table: roles from the layout plus the used chunks, never a byte per chunk. */
    private static CowChunkMap sparse(CowImage image, AreaLayout layout, Progress progress) {
        progress.begin("Mapping chunks", 1);
        ExceptionTable table = image.exceptions();
        long[] used = new long[table.size()];
        for (int i = 0; i < used.length; i++) {
            used[i] = table.newChunk(i);
        }
        SparseRoleCells cells = new SparseRoleCells(image.deviceChunks(), layout, used, suspectChunks(image));
        long[] counts = new long[CowChunkRole.values().length];
        int[] whole = new int[counts.length];
        for (long from = 0; from < cells.chunkCount(); from += Integer.MAX_VALUE) {
            cells.countRoles(from, Math.min(cells.chunkCount(), from + Integer.MAX_VALUE), whole);
            for (int r = 0; r < counts.length; r++) {
                counts[r] += whole[r];
                whole[r] = 0;
            }
        }
        progress.worked(1);
        return new CowChunkMap(image, cells, counts, false);
    }

    /** The new chunks of entries that findings call suspect. */
    private static long[] suspectChunks(CowImage image) {
        ExceptionTable table = image.exceptions();
        return image.findings().stream()
                .filter(f -> SUSPECT_KINDS.contains(f.kind()) && f.location().isEntry())
                .mapToInt(f -> table.entryAt(f.location().area(), f.location().index()))
                .filter(entry -> entry >= 0)
                .mapToLong(table::newChunk)
                .toArray();
    }

    public CowImage image() {
        return image;
    }

    public ChunkCells cells() {
        return cells;
    }

    public long chunkCount() {
        return cells.chunkCount();
    }

    /** True when the device has more chunks than the map draws. */
    public boolean truncated() {
        return truncated;
    }

    public CowChunkRole roleOf(long chunk) {
        return CowChunkRole.of(cells.roleAt(chunk));
    }

    public long count(CowChunkRole role) {
        return roleCounts[role.ordinal()];
    }

    /**
     * The entry whose new chunk is {@code chunk} (the first in disk order when several share it),
     * or -1.
     */
    public int entryUsing(long chunk) {
        return image.layout().isEmpty() || chunk < 0 ? -1 : image.exceptions().entryUsing(chunk);
    }
}
