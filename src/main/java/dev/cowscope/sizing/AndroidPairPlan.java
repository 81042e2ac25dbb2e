package dev.cowscope.sizing;

import dev.cowscope.android.AndroidBlockCompressor;
import dev.cowscope.android.AndroidCowLayout;
import dev.cowscope.android.AndroidCowOptions;
import dev.cowscope.android.AndroidCowSize;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Android Virtual A/B COW for an old/new image pair, one row per compression, beside the dm-snapshot COW of
 * the same change at the block size as chunk size (Android's legacy path: {@code DmSnapCowSizeCalculator(512, 8)}
 * for 4K blocks). Two passes: the old image is indexed ({@link OldBlockIndex}), then both are compared in the dm
 * pass ({@link ImagePairScan}) while {@link AndroidPairEstimator} picks the ops.
 *
 * <p>The allocation follows AOSP's own pipeline on top of the writer's estimate: update_engine adds 1%
 * ({@code cow_size *= 1.01}), libsnapshot adds 2 MiB and rounds up to 4096 ({@code PartitionCowCreator::GetCowSize});
 * the user's margin (bytes or % of the origin, as for dm) and rounding unit then apply as they do for the dm row.
 *
 * @param options          the writer the estimate is for (an estimator: v3 grows {@code op_count_max})
 * @param blocks           blocks in each image
 * @param unchangedBlocks  blocks equal at the same place: no op
 * @param copyBlocks       COPY ops (moved blocks), each one merge-sequence entry
 * @param zeroBlocks       ZERO ops
 * @param replaceBlocks    blocks written as REPLACE data
 * @param replaceOps       REPLACE ops (fewer than blocks with a v3 compression factor above the block size)
 * @param hashCollisions   index candidates that were not equal byte for byte
 * @param indexedOldBlocks non-zero old blocks in the index
 * @param rows             one per compression, in the order asked
 * @param dm               the dm-snapshot plan of the same pass at chunk size = block size
 */
public record AndroidPairPlan(AndroidCowOptions options, long blocks, long unchangedBlocks, long copyBlocks, long zeroBlocks,
                              long replaceBlocks, long replaceOps, long hashCollisions, long indexedOldBlocks,
                              List<Row> rows, SizingPlan dm) {
    /** libsnapshot's addition to the manifest's estimate. */
    public static final long LIBSNAPSHOT_EXTRA_BYTES = 2L << 20;
    /** libsnapshot rounds the COW to {@code kBlockSize}. */
    public static final long LIBSNAPSHOT_ROUND_BYTES = 4096;

    public AndroidPairPlan {
        rows = List.copyOf(rows);
    }

    /**
     * One compression.
     *
     * @param compression      as the writer's option: {@code lz4}, {@code gz,1} …
     * @param size             the writer's {@code GetCowSizeInfo()} for these ops, split into areas
     * @param replaceDataBytes the REPLACE ops' stored bytes
     * @param manifestBytes    update_engine's {@code estimate_cow_size}: the size plus 1%, floored
     * @param deviceBytes      libsnapshot's COW: {@code manifestBytes} + 2 MiB, rounded up to 4096
     * @param marginBytes      the user's margin
     * @param allocationBytes  {@code deviceBytes} + margin, rounded up to the rounding unit
     */
    public record Row(String compression, AndroidCowSize size, long replaceDataBytes, long manifestBytes, long deviceBytes,
                      long marginBytes, long allocationBytes) {
    }

    /**
     * @throws IOException naming the image when the pair differs in size, is empty, is not whole blocks, or its index
     *     does not fit in the heap
     * @throws IllegalArgumentException for a block size that is not a power of two from 512 to 32768, or a margin or
     *     chunk size the dm plan refuses
     */
    public static AndroidPairPlan estimate(BlockSource oldImage, BlockSource newImage, AndroidCowOptions options,
                                           List<AndroidBlockCompressor.Compression> compressions, Margin margin,
                                           RoundingUnit roundingUnit, ChunkSizeRule rule, Progress progress) throws IOException {
        long blockSize = options.blockSize();
        if (blockSize < 512 || blockSize > 32768 || Long.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + ": give a power of two from 512 to 32768 (4096 on Android)");
        }
        ChangedChunks.requireSnapshotPair(oldImage, newImage);
        if (oldImage.sizeBytes() % blockSize != 0) {
            throw new IOException(String.format("the images are %d bytes, not whole blocks of %d: Android partitions are; "
                    + "is the block size right?", oldImage.sizeBytes(), blockSize));
        }
        long compressorBlock = options.version() >= 3 ? options.compressionFactor() : blockSize;
        List<AndroidBlockCompressor> compressors = new ArrayList<>();
        try {
            for (AndroidBlockCompressor.Compression c : compressions) {
                compressors.add(new AndroidBlockCompressor(c, options.version(), compressorBlock));
            }
            OldBlockIndex index = OldBlockIndex.build(oldImage, (int) blockSize, progress);
            AndroidPairEstimator estimator = new AndroidPairEstimator(oldImage, index, options, compressors);
            ChangedChunks changes = ChangedChunks.fromSnapshotPair(oldImage, newImage, progress, estimator);
            estimator.finish();
            SizingPlan dm = SizingPlan.build(changes, List.of(blockSize / Units.SECTOR_BYTES), margin, roundingUnit, rule);
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < compressors.size(); k++) {
                AndroidCowSize size = estimator.layout(options, k).size();
                rows.add(row(compressors.get(k).compression().describe(), size, estimator.replaceDataBytes(k), dm.marginBytes(),
                        roundingUnit));
            }
            return new AndroidPairPlan(options, oldImage.sizeBytes() / blockSize, estimator.unchangedBlocks, estimator.copyBlocks,
                    estimator.zeroBlocks, estimator.replaceBlocks, estimator.replaceOps(), estimator.hashCollisions, index.size(),
                    rows, dm);
        } finally {
            compressors.forEach(AndroidBlockCompressor::close);
        }
    }

    /**
     * The Android COW for a list of written ranges, which says where the change is but not what it holds: every block
     * a range touches is a REPLACE stored raw, runs of consecutive blocks one {@code AddRawBlocks} call cut as the
     * writer cuts it. That is an upper bound for any content: the writer stores an op raw when compression does not
     * shrink it, and a COPY, ZERO or XOR op of the same block stores no more. One row, compression {@code none}.
     *
     * @param originSizeBytes the origin (partition) size if known, else 0 (then the image ends at the last range)
     * @throws ArithmeticException when the COW would be larger than 8 EiB (the ops are counted by size, never one by
     *     one: the cost follows the ranges in the list, not the bytes they name)
     * @throws IllegalArgumentException for a block size that is not a power of two from 512 to 32768, or a margin or
     *     chunk size the dm plan refuses
     */
    public static AndroidPairPlan fromRanges(List<ByteRange> ranges, long originSizeBytes, AndroidCowOptions options,
                                             Margin margin, RoundingUnit roundingUnit, ChunkSizeRule rule) {
        long blockSize = options.blockSize();
        if (blockSize < 512 || blockSize > 32768 || Long.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + ": give a power of two from 512 to 32768 (4096 on Android)");
        }
        ChangedChunks changes = ChangedChunks.fromRanges(ranges, originSizeBytes);
        SizingPlan dm = SizingPlan.build(changes, List.of(blockSize / Units.SECTOR_BYTES), margin, roundingUnit, rule);
        List<long[]> runs = blockRuns(ranges, blockSize);
        AndroidCowLayout layout = new AndroidCowLayout(options);
        long[] replace = new long[2]; // blocks, ops
        long lastBlock = 0;
        for (long[] run : runs) {
            replace[0] += run[1] - run[0];
            lastBlock = run[1];
            layout.countDataOps(run[1] - run[0], (opBlocks, count) -> {
                layout.addRepeated(AndroidOpType.REPLACE, count, opBlocks * blockSize);
                replace[1] += count;
            });
        }
        layout.add(AndroidOpType.LABEL, 0);
        long originBlocks = originSizeBytes / blockSize + (originSizeBytes % blockSize == 0 ? 0 : 1); // no overflow near 2^63
        long blocks = originSizeBytes > 0 ? Math.max(lastBlock, originBlocks) : lastBlock;
        Row raw = row("none", layout.size(), replace[0] * blockSize, dm.marginBytes(), roundingUnit);
        return new AndroidPairPlan(options, blocks, blocks - replace[0], 0, 0, replace[0], replace[1], 0, 0, List.of(raw), dm);
    }

    /** The blocks the ranges touch, as sorted runs {@code [first, end)}: adjacent and overlapping ranges merged. */
    static List<long[]> blockRuns(List<ByteRange> ranges, long blockSize) {
        List<ByteRange> sorted = ranges.stream().filter(r -> r.lengthBytes() > 0)
                .sorted(java.util.Comparator.comparingLong(ByteRange::offsetBytes)).toList();
        List<long[]> runs = new ArrayList<>();
        for (ByteRange r : sorted) {
            long first = r.offsetBytes() / blockSize;
            long end = r.endBytes() / blockSize + (r.endBytes() % blockSize == 0 ? 0 : 1);
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && first <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                runs.add(new long[] {first, end});
            }
        }
        return runs;
    }

    static Row row(String compression, AndroidCowSize size, long replaceDataBytes, long marginBytes, RoundingUnit unit) {
        long cow = size.cowSizeBytes();
        long manifest = Math.addExact(Math.multiplyExact(cow / 100, 101), cow % 100 * 101 / 100);
        long device = new RoundingUnit(LIBSNAPSHOT_ROUND_BYTES).roundUp(Math.addExact(manifest, LIBSNAPSHOT_EXTRA_BYTES));
        return new Row(compression, size, replaceDataBytes, manifest, device, marginBytes,
                unit.roundUp(Math.addExact(device, marginBytes)));
    }

    /** The dm-snapshot row (chunk size = block size). */
    public SizingRow dmRow() {
        return dm.rows().get(0);
    }
}
