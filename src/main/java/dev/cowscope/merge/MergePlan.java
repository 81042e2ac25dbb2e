package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.StoreState;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The kernel's merge order for a loaded store: newest entry first, one run per step.
 * <p>
 * {@code persistent_prepare_merge}: when {@code current_committed} is 0, step back one area
 * ({@code current_area--}, re-read it, {@code current_committed = E}), or finish at area 0; then
 * take the entry at {@code current_committed − 1} and count backwards while the previous entry is
 * one less in both old and new chunk, bounded by {@code current_committed} (a run never crosses
 * an area). {@code snapshot_merge_next_chunks} copies that run as one kcopyd job and issues the
 * next only from {@code merge_callback}, after {@code blkdev_issue_flush(origin)} and
 * {@code persistent_commit_merge(linear)}: exactly one copy in flight.
 * <p>
 * Steps are held as primitive columns; {@link #step(int)} builds the record on demand.
 */
public final class MergePlan {
    private final CowImage image;
    private final AreaLayout layout;
    private final OptionalLong originBytes;
    private final int[] firstEntries;
    private final int[] chunkCounts;
    private final boolean[] entersArea;
    private final MergeTotals totals;
    private final long stepsPastOriginEnd;

    private MergePlan(CowImage image, OptionalLong originBytes, int[] firstEntries, int[] chunkCounts, boolean[] entersArea) {
        this.image = image;
        this.layout = image.requireLayout();
        this.originBytes = originBytes;
        this.firstEntries = firstEntries;
        this.chunkCounts = chunkCounts;
        this.entersArea = entersArea;
        long chunks = 0;
        long bytes = 0;
        long areaReads = 0;
        long single = 0;
        long pastEnd = 0;
        for (int i = 0; i < firstEntries.length; i++) {
            MergeStep step = step(i);
            chunks += step.chunks();
            bytes = Math.addExact(bytes, step.copyBytes());
            areaReads += step.entersArea() ? 1 : 0;
            single += step.chunks() == 1 ? 1 : 0;
            pastEnd += startsPastOriginEnd(step) ? 1 : 0;
        }
        long steps = firstEntries.length;
        this.totals = new MergeTotals(steps, chunks, bytes, bytes, steps, areaReads, 2 * steps, single);
        this.stepsPastOriginEnd = pastEnd;
    }

    /** The plan for {@code image}, copy sizes unclamped (the origin's size is not known). */
    public static MergePlan of(CowImage image) throws MergeException {
        return build(image, OptionalLong.empty());
    }

    /** The plan for {@code image} merging onto an origin of {@code originBytes}: the last copy is clamped to its end. */
    public static MergePlan of(CowImage image, long originBytes) throws MergeException {
        return build(image, OptionalLong.of(originBytes));
    }

    /** The plan both faces make: clamped to the origin's end when its size is known. */
    public static MergePlan of(CowImage image, OptionalLong originBytes) throws MergeException {
        return build(image, originBytes);
    }

    private static MergePlan build(CowImage image, OptionalLong originBytes) throws MergeException {
        requireMergeable(image);
        AreaLayout layout = image.requireLayout();
        ExceptionTable table = image.exceptions();
        long perArea = layout.exceptionsPerArea();
        long area = image.currentArea();
        long committed = image.currentCommitted();
        int[] first = new int[Math.max(16, Math.min(table.size(), 1 << 16))];
        int[] counts = new int[first.length];
        boolean[] enters = new boolean[first.length];
        int steps = 0;
        while (true) {
            boolean entered = false;
            if (committed == 0) {
                if (area == 0) {
                    break;
                }
                area--;
                committed = perArea;
                entered = true;
            }
            int last = Math.toIntExact(area * perArea + committed - 1);
            long lastOld = table.oldChunk(last);
            long lastNew = table.newChunk(last);
            int linear = 1;
            // chunk_t arithmetic: wraps like the kernel's u64
            while (linear < committed && table.oldChunk(last - linear) == lastOld - linear
                    && table.newChunk(last - linear) == lastNew - linear) {
                linear++;
            }
            if (steps == first.length) {
                first = Arrays.copyOf(first, steps * 2);
                counts = Arrays.copyOf(counts, steps * 2);
                enters = Arrays.copyOf(enters, steps * 2);
            }
            first[steps] = last - linear + 1;
            counts[steps] = linear;
            enters[steps] = entered;
            steps++;
            committed -= linear;
        }
        return new MergePlan(image, originBytes, Arrays.copyOf(first, steps), Arrays.copyOf(counts, steps), Arrays.copyOf(enters, steps));
    }

    /**
     * Refuses what the kernel would not merge: a store it does not load, an invalidated one
     * ({@code snapshot_merge_next_chunks}: "Snapshot is invalid: can't merge"), or a table whose
     * size disagrees with the area walk.
     */
    static void requireMergeable(CowImage image) throws MergeException {
        String path = image.source().path();
        if (image.state() == StoreState.INVALID) {
            throw new MergeException(path + ": the store is invalidated (valid = 0): the kernel logs "
                    + "\"Snapshot is invalid: can't merge\" and merges nothing");
        }
        if (!image.kernelLoads()) {
            throw new MergeException(path + ": the kernel would not load this store (" + image.state()
                    + "), so a snapshot-merge table fails before merging anything; see the findings of 'inspect'");
        }
        requireInsideCow(image);
        long expected = image.currentArea() * image.requireLayout().exceptionsPerArea() + image.currentCommitted();
        if (expected != image.exceptions().size()) {
            throw new MergeException(String.format(Locale.ROOT,
                    "%s: %d entries read but current_area %d / current_committed %d imply %d; cannot follow the kernel's merge",
                    path, image.exceptions().size(), image.currentArea(), image.currentCommitted(), expected));
        }
    }

    /**
     * Every COW chunk the merge reads lies inside the COW: the kernel loads a table pointing past
     * the device, but its merge stops at that copy ("Read error: shutting down merge"), after
     * writing the newer steps. One pass over the table.
     */
    private static void requireInsideCow(CowImage image) throws MergeException {
        ExceptionTable table = image.exceptions();
        long deviceChunks = image.deviceChunks();
        long pastEnd = 0;
        int first = -1;
        for (int i = 0; i < table.size(); i++) {
            if (Long.compareUnsigned(table.newChunk(i), deviceChunks) >= 0) {
                pastEnd++;
                first = first < 0 ? i : first;
            }
        }
        if (pastEnd > 0) {
            throw new MergeException(String.format(Locale.ROOT, "%s: %d entries map to COW chunks past the end of the COW "
                    + "(%d chunks; first: entry %d, origin chunk %s -> COW chunk %s): the kernel's merge would stop at that copy "
                    + "with \"Read error: shutting down merge.\" after writing the newer steps; such a store is neither planned nor merged",
                    image.source().path(), pastEnd, deviceChunks, first, Long.toUnsignedString(table.oldChunk(first)),
                    Long.toUnsignedString(table.newChunk(first))));
        }
    }

    public CowImage image() {
        return image;
    }

    public AreaLayout layout() {
        return layout;
    }

    /** The origin's size in bytes, when the plan was made against one. */
    public OptionalLong originBytes() {
        return originBytes;
    }

    public int stepCount() {
        return firstEntries.length;
    }

    public MergeStep step(int index) {
        int first = firstEntries[index];
        int chunks = chunkCounts[index];
        ExceptionTable table = image.exceptions();
        long area = table.areaOf(first);
        long originFirst = table.oldChunk(first);
        long cowFirst = table.newChunk(first);
        long ioBytes = Math.multiplyExact((long) chunks, layout.chunkSizeBytes());
        long copyBytes = ioBytes;
        if (originBytes.isPresent()) {
            long start = Long.compareUnsigned(originFirst, Long.MAX_VALUE / layout.chunkSizeBytes()) > 0
                    ? Long.MAX_VALUE : layout.chunkOffsetBytes(originFirst);
            copyBytes = Math.max(0, Math.min(ioBytes, originBytes.getAsLong() - start));
        }
        return new MergeStep(index, area, first, chunks, originFirst, cowFirst, copyBytes, entersArea[index], table.slotOf(first));
    }

    public MergeTotals totals() {
        return totals;
    }

    /**
     * Steps whose origin range starts at or past the end of the origin: the kernel's copy would
     * be a write past the device ("Write error: shutting down merge."). 0 when the origin size is unknown.
     */
    public long stepsPastOriginEnd() {
        return stepsPastOriginEnd;
    }

    private boolean startsPastOriginEnd(MergeStep step) {
        return originBytes.isPresent() && step.copyBytes() == 0;
    }
}
