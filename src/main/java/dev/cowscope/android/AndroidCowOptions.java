package dev.cowscope.android;

/**
 * The {@code CowOptions} fields that decide an Android COW's layout ({@code cow_writer.h}), checked the way
 * {@code CreateCowWriter} checks them so that a size is never computed for a file the writer would refuse.
 *
 * @param version           2 or 3 ({@code CreateCowWriter}: 1 and 2 give {@code CowWriterV2}, 3 gives {@code CowWriterV3})
 * @param blockSize         {@code block_size}; both writers refuse more than 65535 ("Block size is too large")
 * @param clusterOps        {@code cluster_ops}: v2 ops per cluster (0: no clusters; 1 refused); v3 batch size
 *                          ({@code batch_size_ = max(cluster_ops, 1)}), which bounds multi-block ops per call chunk
 * @param bufferBytes       {@code header.buffer_size}: {@link AndroidCowLayout#SCRATCH_BYTES} with {@code scratch_space}, else 0
 * @param opCountMax        v3 {@code op_count_max}; 0 means "use max_blocks" when writing, "grow" when estimating
 * @param maxBlocks         {@code max_blocks}, -1 when unset
 * @param compressionFactor v3 {@code compression_factor} ({@code max_compression_size}): a multiple of the block size
 * @param estimating        a {@code CreateCowEstimator} writer (fd -1, as update_engine's dry run): v3 grows
 *                          {@code op_count_max} to the op count instead of failing
 */
public record AndroidCowOptions(int version, long blockSize, long clusterOps, long bufferBytes, long opCountMax,
                                long maxBlocks, long compressionFactor, boolean estimating) {
    /** {@code CowOptions} defaults: block 4096, cluster_ops 1024, scratch space on, compression factor 4096. */
    public static final long DEFAULT_BLOCK_SIZE = 4096;
    public static final long DEFAULT_CLUSTER_OPS = 1024;
    /** {@code kCowOpSourceInfoCompressionNumBits} = 3: an op covers at most {@code block_size << 7}. */
    public static final int MAX_COMPRESSION_BITS = 7;

    /**
     * @throws IllegalArgumentException saying which option the writer would refuse and why
     */
    public AndroidCowOptions {
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("COW version " + version + ": the writer knows 1, 2 and 3");
        }
        if (blockSize <= 0 || blockSize > 0xffff) {
            throw new IllegalArgumentException("block size " + blockSize + ": the writer needs 1..65535 (\"Block size is too large\")");
        }
        if (clusterOps < 0 || clusterOps > 0xffffffffL) {
            throw new IllegalArgumentException("cluster_ops " + clusterOps + " is not a u32");
        }
        if (version < 3 && clusterOps == 1) {
            throw new IllegalArgumentException("cluster_ops 1: \"Clusters must contain at least two operations to function.\"");
        }
        if (bufferBytes < 0 || bufferBytes > 0xffffffffL || opCountMax < 0 || maxBlocks < -1) {
            throw new IllegalArgumentException("buffer size, op_count_max and max_blocks must be unsigned");
        }
        if (version >= 3) {
            if (compressionFactor <= 0 || compressionFactor % blockSize != 0) {
                throw new IllegalArgumentException("compression factor " + compressionFactor + ": \"Invalid compression factor\" "
                        + "(it must be a multiple of the block size " + blockSize + ")");
            }
            if (!estimating && opCountMax == 0 && maxBlocks < 0) {
                throw new IllegalArgumentException("\"can't size op buffer size since op_count_max is 0 and max_blocks is not set.\"");
            }
        }
    }

    /** The writer's defaults for {@code version}, estimating (update_engine's dry run: scratch space on, op_count_max 0). */
    public static AndroidCowOptions estimator(int version, long blockSize, long clusterOps, long compressionFactor) {
        return new AndroidCowOptions(version, blockSize, clusterOps, AndroidCowLayout.SCRATCH_BYTES, 0, -1,
                version >= 3 ? compressionFactor : blockSize, true);
    }

    /**
     * v3 {@code op_count_max} as {@code ParseOptions} sets it: the option, or {@code max_blocks} when the option is 0
     * and the writer is not estimating.
     */
    public long initialOpCountMax() {
        return !estimating && opCountMax == 0 ? maxBlocks : opCountMax;
    }
}
