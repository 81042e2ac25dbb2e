package dev.cowscope.sizing;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The distinct changed chunks of a change, for every chunk size the kernel accepts at once
 * (1 … 2^21 sectors, {@code dm_exception_store_set_chunk_size}): the {@code n} of
 * {@link CowSizeCalculator}. Every chunk with a changed byte needs one exception, whether the write
 * goes through the snapshot or the origin ({@code snapshot_map}, {@code __origin_write}).
 *
 * @param source where the change came from
 * @param changedBytes bytes that differ (image pair: byte by byte, plus every grown byte) or the
 *     union of the written ranges
 * @param oldSizeBytes size of the old image (the origin); for ranges, the origin size given, 0 when unknown
 * @param newSizeBytes size of the new image; for ranges, equal to {@code oldSizeBytes}
 * @param counts one entry per chunk size, smallest first
 */
public record ChangedChunks(Source source, long changedBytes, long oldSizeBytes, long newSizeBytes, List<ChunkCount> counts) {
    /**
     * Where a change came from: measured from written ranges or an image pair, or given as a
     * count of distinct changed chunks ({@link #given}).
     */
    public enum Source { RANGES, IMAGE_PAIR, GIVEN }

    /** Chunk sizes measured: 2^0 … 2^21 sectors. */
    public static final int CHUNK_SIZE_EXPONENTS = 22;

    public ChangedChunks {
        counts = List.copyOf(counts);
    }

    /** The chunk sizes every result has, 512 B … 1 GiB, in sectors. */
    public static List<Long> measuredChunkSizesSectors() {
        List<Long> sizes = new ArrayList<>();
        for (int k = 0; k < CHUNK_SIZE_EXPONENTS; k++) {
            sizes.add(1L << k);
        }
        return sizes;
    }

    /**
     * @throws IllegalArgumentException when {@code chunkSizeSectors} is not one of the measured sizes
     */
    public long changedChunks(long chunkSizeSectors) {
        return counts.stream().filter(c -> c.chunkSizeSectors() == chunkSizeSectors).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chunk size " + chunkSizeSectors
                        + " sectors was not measured (powers of two from 1 to 2^21 sectors are)"))
                .changedChunks();
    }

    /** Bytes of the changed 512-byte sectors: the smallest unit a block device writes. */
    public long changedSectorBytes() {
        return Math.multiplyExact(changedChunks(1), Units.SECTOR_BYTES);
    }

    /** Bytes the new image has past the end of the old one; all counted as changed. */
    public long grownBytes() {
        return Math.max(0, newSizeBytes - oldSizeBytes);
    }

    /** Bytes the old image has past the end of the new one; not compared and not counted. */
    public long shrunkBytes() {
        return Math.max(0, oldSizeBytes - newSizeBytes);
    }

    /** A message for the user when the new image is smaller than the old one. */
    public Optional<String> shrinkNote() {
        if (shrunkBytes() == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("the new image is %s (%d bytes) smaller than the old one: bytes %d..%d of the old image "
                + "were not compared and are not counted (a snapshot keeps the origin's size)",
                Units.human(shrunkBytes()), shrunkBytes(), newSizeBytes, oldSizeBytes - 1));
    }

    /**
     * Counts the chunks a set of written ranges touches; overlapping, repeated and straddling
     * ranges are handled (a range touches every chunk from its first to its last byte).
     *
     * @param originSizeBytes the origin size if known (for a margin in % of the origin), else 0
     */
    public static ChangedChunks fromRanges(List<ByteRange> ranges, long originSizeBytes) {
        List<ByteRange> written = ranges.stream().filter(r -> r.lengthBytes() > 0)
                .sorted(Comparator.comparingLong(ByteRange::offsetBytes)).toList();
        List<ChunkCount> counts = new ArrayList<>();
        for (int k = 0; k < CHUNK_SIZE_EXPONENTS; k++) {
            counts.add(new ChunkCount(1L << k, unionLength(written, Units.SECTOR_SHIFT + k)));
        }
        return new ChangedChunks(Source.RANGES, unionLength(written, 0), originSizeBytes, originSizeBytes, counts);
    }

    /**
     * A change given as a count: {@code changedChunks} distinct chunks at every chunk size, as for
     * scattered writes that each touch one chunk whatever its size. Changed bytes are unknown (0),
     * so a plan shows no write amplification for it.
     *
     * @param originSizeBytes the origin size if known (for a margin in % and the cap), else 0
     */
    public static ChangedChunks given(long changedChunks, long originSizeBytes) {
        if (changedChunks < 0 || originSizeBytes < 0) {
            throw new IllegalArgumentException("changed chunks and origin size must not be negative");
        }
        List<ChunkCount> counts = new ArrayList<>();
        for (int k = 0; k < CHUNK_SIZE_EXPONENTS; k++) {
            counts.add(new ChunkCount(1L << k, changedChunks));
        }
        return new ChangedChunks(Source.GIVEN, 0, originSizeBytes, originSizeBytes, counts);
    }

    /**
     * Compares two images in one sequential pass and counts changed chunks for every chunk size.
     * Both sources are only read. Growth counts as changed; shrinking is reported
     * ({@link #shrinkNote()}). Checks for cancel once per buffer.
     */
    public static ChangedChunks fromImagePair(BlockSource oldImage, BlockSource newImage, Progress progress) throws IOException {
        return new ImagePairScan(oldImage, newImage, progress).run();
    }

    /**
     * {@link #fromImagePair} for an old/new pair that stands for an origin and its snapshot: the
     * snapshot has the origin's size, so both must be that size, and not empty.
     *
     * @throws IOException naming both images and their sizes when they differ or one is empty
     */
    public static ChangedChunks fromSnapshotPair(BlockSource oldImage, BlockSource newImage, Progress progress) throws IOException {
        requireSnapshotPair(oldImage, newImage);
        return fromImagePair(oldImage, newImage, progress);
    }

    /** {@link #fromSnapshotPair} with {@code listener} seeing every buffer the pass reads. */
    static ChangedChunks fromSnapshotPair(BlockSource oldImage, BlockSource newImage, Progress progress,
                                          ImagePairScan.BufferListener listener) throws IOException {
        requireSnapshotPair(oldImage, newImage);
        return new ImagePairScan(oldImage, newImage, progress, listener).run();
    }

    static void requireSnapshotPair(BlockSource oldImage, BlockSource newImage) throws IOException {
        long oldBytes = oldImage.sizeBytes();
        long newBytes = newImage.sizeBytes();
        if (oldBytes == 0 || newBytes == 0) {
            throw new IOException((oldBytes == 0 ? "old image " + oldImage.name() : "new image " + newImage.name())
                    + " is empty: there is nothing to compare");
        }
        if (oldBytes != newBytes) {
            throw new IOException(String.format("old image %s is %d bytes but new image %s is %d bytes: a snapshot has the "
                    + "size of its origin, so the pair must be the same size (is one of them the wrong file or truncated?)",
                    oldImage.name(), oldBytes, newImage.name(), newBytes));
        }
    }

    /** Size of the union of {@code sorted} ranges measured in units of {@code 2^shift} bytes. */
    private static long unionLength(List<ByteRange> sorted, int shift) {
        long total = 0;
        long runStart = -1;
        long runEnd = -1;
        for (ByteRange range : sorted) {
            long first = range.offsetBytes() >>> shift;
            long last = (range.endBytes() - 1) >>> shift;
            if (runStart >= 0 && first <= runEnd + 1) {
                runEnd = Math.max(runEnd, last);
                continue;
            }
            if (runStart >= 0) {
                total = Math.addExact(total, runEnd - runStart + 1);
            }
            runStart = first;
            runEnd = last;
        }
        return runStart < 0 ? total : Math.addExact(total, runEnd - runStart + 1);
    }
}
