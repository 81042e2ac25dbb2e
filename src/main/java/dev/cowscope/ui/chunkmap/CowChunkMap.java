package dev.cowscope.ui.chunkmap;

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
 * The role of every chunk of a COW device (one byte each), computed once off the FX thread from
 * the layout, the exception table and the findings, plus the reverse map from a data chunk to the
 * entry that uses it (arithmetic for a sequential table, a sorted {@code long[]} otherwise).
 */
public final class CowChunkMap {
    /** Findings whose entry's new chunk is marked suspect. */
    private static final Set<FindingKind> SUSPECT_KINDS = EnumSet.of(FindingKind.NEW_CHUNK_IN_METADATA,
            FindingKind.NEW_CHUNK_PAST_END, FindingKind.SHARED_NEW_CHUNK, FindingKind.DUPLICATE_OLD_CHUNK);
    /** Largest device the map draws (one byte per chunk). */
    public static final long MAX_CHUNKS = Integer.MAX_VALUE - 8;

    private final CowImage image;
    private final ByteRoleCells cells;
    private final long[] roleCounts;
    private final long[] entriesByNewChunk;
    private final boolean truncated;

    private CowChunkMap(CowImage image, ByteRoleCells cells, long[] roleCounts, long[] entriesByNewChunk, boolean truncated) {
        this.image = image;
        this.cells = cells;
        this.roleCounts = roleCounts;
        this.entriesByNewChunk = entriesByNewChunk;
        this.truncated = truncated;
    }

    /** An image without a usable layout has an empty map. */
    public static CowChunkMap of(CowImage image, Progress progress) {
        if (image.layout().isEmpty()) {
            return new CowChunkMap(image, new ByteRoleCells(new byte[0], CowChunkRole.values().length),
                    new long[CowChunkRole.values().length], null, false);
        }
        AreaLayout layout = image.requireLayout();
        long deviceChunks = image.deviceChunks();
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
        ExceptionTable table = image.exceptions();
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
        for (Finding finding : image.findings()) {
            Location at = finding.location();
            if (SUSPECT_KINDS.contains(finding.kind()) && at.isEntry()) {
                int entry = table.entryAt(at.area(), at.index());
                if (entry >= 0) {
                    long chunk = table.newChunk(entry);
                    if (chunk >= 0 && chunk < n) {
                        roles[(int) chunk] = suspect;
                    }
                }
            }
        }
        progress.worked(1);
        long[] counts = new long[CowChunkRole.values().length];
        for (byte role : roles) {
            counts[role]++;
        }
        long[] byNew = table.isSequential() ? null : sortByNewChunk(table, n);
        progress.worked(1);
        return new CowChunkMap(image, new ByteRoleCells(roles, CowChunkRole.values().length), counts, byNew, truncated);
    }

    private static long[] sortByNewChunk(ExceptionTable table, int deviceChunks) {
        long[] packed = new long[table.size()];
        int k = 0;
        for (int i = 0; i < table.size(); i++) {
            long chunk = table.newChunk(i);
            if (chunk >= 0 && chunk < deviceChunks) {
                packed[k++] = chunk << 32 | i;
            }
        }
        long[] sorted = Arrays.copyOf(packed, k);
        Arrays.sort(sorted);
        return sorted;
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
        if (image.layout().isEmpty() || chunk < 0) {
            return -1;
        }
        ExceptionTable table = image.exceptions();
        if (entriesByNewChunk == null) {
            AreaLayout layout = image.requireLayout();
            if (chunk <= AreaLayout.HEADER_CHUNKS || layout.isMetadataChunk(chunk)) {
                return -1;
            }
            long area = layout.areaOfChunk(chunk);
            long slot = chunk - layout.areaLocation(area) - 1;
            return table.entryAt(area, slot);
        }
        int at = Arrays.binarySearch(entriesByNewChunk, chunk << 32);
        if (at < 0) {
            at = -at - 1;
        }
        if (at < entriesByNewChunk.length && entriesByNewChunk[at] >>> 32 == chunk) {
            return (int) (entriesByNewChunk[at] & 0xFFFFFFFFL);
        }
        return -1;
    }
}
