package dev.cowscope.android;

/**
 * The size AOSP's libsnapshot_cow writer reports ({@code GetCowSizeInfo().cow_size}) for a stream of ops, computed
 * with the writer's own position bookkeeping ({@code writer_v2.cpp}, {@code writer_v3.cpp}, {@code cow_format.h} at
 * system/core a3b721a3). Feed it the ops in the order the writer gets them, each with the length its data is stored
 * with; {@link #size()} then equals what the writer reports after {@code Finalize}.
 *
 * <p>Where the versions differ:
 * <ul>
 * <li><b>v2</b> interleaves ops and data. With {@code cluster_ops = N > 0} a cluster is N op slots of 20 bytes
 *     followed by the data of its ops; after N-1 ops the writer adds a cluster op ({@code EmitClusterIfNeeded}:
 *     no room for another op and the cluster end op), and the next cluster starts after the data. Every started
 *     cluster reserves its N slots, except that a last cluster without data ends at its last op
 *     ({@code GetCowSizeInfo}: {@code next_data_pos} + footer when the cluster holds data, else {@code next_op_pos}
 *     + footer). With {@code cluster_ops = 0} each op is followed by its data; the size then only counts REPLACE and
 *     XOR data ({@code GetNextOpOffset}), not sequence data. Labels and merge-sequence data are ops; an 84-byte
 *     footer ends the file. {@code data_length} is a u16.</li>
 * <li><b>v3</b> has fixed areas: header (78), scratch, sequence buffer (4 bytes per entry), resume buffer
 *     ({@code resume_point_max} = 4 slots of 16), then {@code op_count_max} ops of 16 bytes whether used or not, then
 *     the data. No label ops (labels are resume points), no clusters, no footer. An estimating writer grows
 *     {@code op_count_max} to the op count; a real one refuses to pass it.</li>
 * </ul>
 * All arithmetic is exact: a size past a {@code long} throws {@link ArithmeticException}.
 */
public final class AndroidCowLayout {
    /** {@code sizeof(CowHeader)}. */
    public static final int V2_HEADER_BYTES = AndroidCowHeader.V2_BYTES;
    /** {@code sizeof(CowHeaderV3)}. */
    public static final int V3_HEADER_BYTES = AndroidCowHeader.V3_BYTES;
    /** {@code sizeof(CowOperationV2)}. */
    public static final int V2_OP_BYTES = 20;
    /** {@code sizeof(CowOperationV3)}. */
    public static final int V3_OP_BYTES = 16;
    /** {@code sizeof(CowFooter)}: the 20-byte footer op and 64 unused bytes. */
    public static final int V2_FOOTER_BYTES = 84;
    /** {@code sizeof(ResumePoint)}. */
    public static final int RESUME_POINT_BYTES = 16;
    /** {@code kNumResumePoints}: the v3 writer's {@code resume_point_max}. */
    public static final int V3_RESUME_POINTS = 4;
    /** {@code BUFFER_REGION_DEFAULT_SIZE}: the scratch area with {@code scratch_space}. */
    public static final long SCRATCH_BYTES = 1L << 21;

    private final boolean v3;
    private final long headerBytes;
    private final long bufferBytes;
    private final long clusterOps;
    private final long resumePointMax;
    private final long initialOpCountMax;
    private final boolean estimating;
    private final long blockSize;
    private final long compressionFactor;

    private long ops;
    private long dataBytes;
    private long sequenceEntries;
    // v2: the writer's next_op_pos_, next_data_pos_, current_cluster_size_, current_data_size_
    private long nextOpPos;
    private long nextDataPos;
    private long currentClusterSize;
    private long currentDataSize;
    private long clusters;

    public AndroidCowLayout(AndroidCowOptions options) {
        this(options.version() >= 3, options.version() >= 3 ? V3_HEADER_BYTES : V2_HEADER_BYTES, options.bufferBytes(),
                options.clusterOps(), V3_RESUME_POINTS, options.initialOpCountMax(), options.estimating(),
                options.blockSize(), options.compressionFactor());
    }

    private AndroidCowLayout(boolean v3, long headerBytes, long bufferBytes, long clusterOps, long resumePointMax,
                             long initialOpCountMax, boolean estimating, long blockSize, long compressionFactor) {
        this.v3 = v3;
        this.headerBytes = headerBytes;
        this.bufferBytes = bufferBytes;
        this.clusterOps = clusterOps;
        this.resumePointMax = resumePointMax;
        this.initialOpCountMax = initialOpCountMax;
        this.estimating = estimating;
        this.blockSize = blockSize;
        this.compressionFactor = compressionFactor;
        // v2 InitPos: the first cluster's op slots (or one op slot) come before any data
        nextOpPos = Math.addExact(headerBytes, bufferBytes);
        nextDataPos = Math.addExact(nextOpPos, clusterOps > 0 ? Math.multiplyExact(clusterOps, V2_OP_BYTES) : V2_OP_BYTES);
    }

    /**
     * The layout of an existing file, from its header (v2: {@code cluster_ops}, {@code buffer_size}; v3:
     * {@code buffer_size}, {@code sequence_data_count}, {@code resume_point_max}, {@code op_count_max}) and its ops,
     * as the writer that wrote it counted. v2 cluster ops are not fed: the layout places them itself, and
     * {@link AndroidCowSize#clusterOps()} can be compared with the file's.
     *
     * @throws ArithmeticException when hostile header values make a size past a long
     */
    public static AndroidCowLayout ofFile(AndroidCow cow) {
        AndroidCowHeader h = cow.header();
        boolean v3 = cow.version() >= 3;
        if (v3 && (h.opCountMax() < 0 || h.sequenceDataCount() < 0)) {
            throw new ArithmeticException("op_count_max or sequence_data_count is past 2^63"); // u64 read into a long
        }
        AndroidCowLayout layout = new AndroidCowLayout(v3, v3 ? h.headerSize() : V2_HEADER_BYTES, h.bufferSize(),
                v3 ? 0 : h.clusterOps(), v3 ? h.resumePointMax() : 0, v3 ? h.opCountMax() : 0, false, h.blockSize(),
                Math.max(h.blockSize(), h.maxCompressionSize()));
        if (v3) {
            layout.sequenceEntries = h.sequenceDataCount();
        }
        AndroidCowOps ops = cow.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.type(i) != AndroidOpType.CLUSTER) {
                layout.add(ops.type(i), AndroidOpType.hasData(ops.type(i)) ? ops.dataLength(i) : 0);
            }
        }
        return layout;
    }

    /**
     * {@code AddSequenceData(entries)}: v2 writes sequence ops of at most {@code 2 × block_size / 4} entries each;
     * v3 sizes its sequence buffer, which it only allows before any op.
     *
     * @throws IllegalStateException in v3 after an op, or for a second call (the writer refuses or aborts)
     */
    public void addSequenceData(long entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("negative sequence entry count");
        }
        if (v3) {
            if (ops > 0 || sequenceEntries > 0) {
                throw new IllegalStateException("v3 takes sequence data once, before any operation");
            }
            sequenceEntries = entries;
            return;
        }
        long perOp = blockSize * 2 / Integer.BYTES;
        for (long left = entries; left > 0; left -= Math.min(left, perOp)) {
            add(AndroidOpType.SEQUENCE, Math.min(left, perOp) * Integer.BYTES);
        }
    }

    /** {@code count} ops without data (COPY, ZERO, LABEL). */
    public void addRepeated(int type, long count) {
        addRepeated(type, count, 0);
    }

    /**
     * {@code count} equal ops, each {@code storedDataLength} bytes of data: exactly what {@code count} calls of
     * {@link #add} give, in steps that do not grow with {@code count} (whole v2 clusters are counted at once).
     */
    public void addRepeated(int type, long count, long storedDataLength) {
        if (type == AndroidOpType.CLUSTER) {
            throw new IllegalArgumentException("cluster ops are placed by the layout, not fed");
        }
        if (count < 0 || storedDataLength < 0) {
            throw new IllegalArgumentException("negative op count or data length");
        }
        if (v3) {
            if (type != AndroidOpType.LABEL) {
                ops = Math.addExact(ops, count);
                dataBytes = Math.addExact(dataBytes, Math.multiplyExact(count, storedDataLength));
            }
            return;
        }
        if (clusterOps == 0) {
            addV2Unclustered(type, count, storedDataLength);
            return;
        }
        // the writer closes a cluster after max(1, cluster_ops - 1) ops (its check: cluster_ops * op_size < cluster
        // size + 2 * op_size); between closes every op moves both positions by the same amounts
        long perCluster = Math.max(1, clusterOps - 1);
        long length = storedDataLength & 0xffff;
        long left = count;
        long room = perCluster - currentClusterSize / V2_OP_BYTES; // ops until the cluster being filled closes
        if (left < room) {
            appendInCluster(left, length);
            return;
        }
        appendInCluster(room, length);
        closeCluster();
        left -= room;
        long wholeClusters = left / perCluster;
        long clusterData = Math.multiplyExact(perCluster, length);
        long step = Math.addExact(clusterData, Math.multiplyExact(clusterOps, V2_OP_BYTES)); // data + the op slots
        ops = Math.addExact(ops, Math.multiplyExact(wholeClusters, perCluster));
        clusters = Math.addExact(clusters, wholeClusters);
        nextOpPos = Math.addExact(nextOpPos, Math.multiplyExact(wholeClusters, step));
        nextDataPos = Math.addExact(nextDataPos, Math.multiplyExact(wholeClusters, step));
        dataBytes = Math.addExact(dataBytes, Math.multiplyExact(wholeClusters, clusterData));
        appendInCluster(left - wholeClusters * perCluster, length); // fewer than a cluster: it stays open
    }

    /** {@code n} ops into the open v2 cluster, none of them closing it. */
    private void appendInCluster(long n, long length) {
        ops = Math.addExact(ops, n);
        currentClusterSize = Math.addExact(currentClusterSize, Math.multiplyExact(n, V2_OP_BYTES));
        currentDataSize = Math.addExact(currentDataSize, Math.multiplyExact(n, length));
        nextDataPos = Math.addExact(nextDataPos, Math.multiplyExact(n, length));
        nextOpPos = Math.addExact(nextOpPos, Math.multiplyExact(n, V2_OP_BYTES));
        dataBytes = Math.addExact(dataBytes, Math.multiplyExact(n, length));
    }

    /** The cluster op {@link #add} writes when a cluster is full. */
    private void closeCluster() {
        clusters++;
        addV2Operation(AndroidOpType.CLUSTER, 0, currentDataSize + clusterOps * V2_OP_BYTES - currentClusterSize - V2_OP_BYTES);
    }

    /** v2 without clusters: every op moves both positions by the same amounts. */
    private void addV2Unclustered(int type, long count, long storedDataLength) {
        long length = storedDataLength & 0xffff;
        boolean data = type == AndroidOpType.REPLACE || type == AndroidOpType.XOR;
        long opStep = Math.addExact(V2_OP_BYTES, data ? length : 0);
        ops = Math.addExact(ops, count);
        nextOpPos = Math.addExact(nextOpPos, Math.multiplyExact(count, opStep));
        nextDataPos = Math.addExact(nextDataPos, Math.multiplyExact(count, Math.addExact(length, V2_OP_BYTES)));
        if (data) {
            dataBytes = Math.addExact(dataBytes, Math.multiplyExact(count, length));
        }
    }

    /**
     * One op, with the length its data is stored with (0 for ops without data). v3 label ops do not exist
     * (an {@code AddLabel} writes a resume point), so a LABEL is ignored there.
     */
    public void add(int type, long storedDataLength) {
        if (type == AndroidOpType.CLUSTER) {
            throw new IllegalArgumentException("cluster ops are placed by the layout, not fed");
        }
        if (storedDataLength < 0) {
            throw new IllegalArgumentException("negative data length");
        }
        if (v3) {
            if (type != AndroidOpType.LABEL) {
                ops++;
                dataBytes = Math.addExact(dataBytes, storedDataLength);
            }
            return;
        }
        long length = storedDataLength & 0xffff; // op.data_length is a u16 in v2
        ops++;
        addV2Operation(type, length, 0);
        if (clusterOps > 0 && clusterOps * V2_OP_BYTES < currentClusterSize + 2L * V2_OP_BYTES) {
            closeCluster();
        }
    }

    /** {@code CowWriterV2::AddOperation}: {@code GetNextOpOffset} and {@code GetNextDataOffset} of cow_format.cpp. */
    private void addV2Operation(int type, long length, long source) {
        if (type == AndroidOpType.CLUSTER) {
            currentClusterSize = 0;
            currentDataSize = 0;
        } else if (clusterOps > 0) {
            currentClusterSize += V2_OP_BYTES;
            currentDataSize = Math.addExact(currentDataSize, length);
        }
        long nextDataOffset = type == AndroidOpType.CLUSTER ? clusterOps * V2_OP_BYTES : clusterOps == 0 ? V2_OP_BYTES : 0;
        long nextOpOffset = type == AndroidOpType.CLUSTER ? source
                : (type == AndroidOpType.REPLACE || type == AndroidOpType.XOR) && clusterOps == 0 ? length : 0;
        nextDataPos = Math.addExact(nextDataPos, Math.addExact(length, nextDataOffset));
        nextOpPos = Math.addExact(nextOpPos, Math.addExact(V2_OP_BYTES, nextOpOffset));
        if (type != AndroidOpType.CLUSTER && (clusterOps > 0 || type == AndroidOpType.REPLACE || type == AndroidOpType.XOR)) {
            dataBytes = Math.addExact(dataBytes, length);
        }
    }

    /**
     * How the writer splits one {@code AddRawBlocks}/{@code AddXorBlocks} call of {@code blocks} blocks into ops, in
     * blocks per op. v2: one op per block. v3 ({@code EmitBlocks}): chunks of {@code batch_size = max(cluster_ops, 1)}
     * blocks, each cut greedily into ops of the largest {@code compression_factor >> k} that still fits
     * ({@code GetCompressionFactor}); XOR ops are always one block.
     */
    public long[] dataOpBlocks(long blocks, boolean xor) {
        if (blocks < 0 || blocks > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block count " + blocks + " out of range");
        }
        long[] out = new long[(int) blocks];
        int n = 0;
        long batch = Math.max(clusterOps, 1);
        for (long done = 0; done < blocks; ) {
            long chunk = Math.min(blocks - done, batch);
            for (long left = chunk; left > 0; ) {
                long opBlocks = v3 && !xor ? compressionFactorBlocks(left) : 1;
                out[n++] = opBlocks;
                left -= opBlocks;
            }
            done += chunk;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Receives {@code count} ops of {@code opBlocks} blocks each. */
    public interface OpSizes {
        void ops(long opBlocks, long count);
    }

    /**
     * The ops of one {@code AddRawBlocks} call of {@code blocks} blocks, as {@link #dataOpBlocks} cuts them, counted
     * by size in steps that do not grow with {@code blocks}: per batch, as many ops of each size
     * {@code GetCompressionFactor} can pick (the factor halved until it is the block size) as fit, largest first,
     * which is what taking the largest fitting size op after op gives. The order is not the writer's.
     */
    public void countDataOps(long blocks, OpSizes sizes) {
        if (blocks < 0) {
            throw new IllegalArgumentException("negative block count " + blocks);
        }
        long batch = Math.max(clusterOps, 1);
        long wholeBatches = blocks / batch;
        countChunk(Math.min(batch, blocks), wholeBatches, sizes);
        countChunk(blocks % batch, 1, sizes);
    }

    private void countChunk(long chunk, long times, OpSizes sizes) {
        if (chunk == 0 || times == 0) {
            return;
        }
        long rest = chunk;
        if (v3) {
            for (long factor = compressionFactor; factor > blockSize && rest > 0; factor >>= 1) {
                long opBlocks = factor / blockSize;
                if (rest >= opBlocks) {
                    sizes.ops(opBlocks, Math.multiplyExact(rest / opBlocks, times));
                    rest %= opBlocks;
                }
            }
        }
        if (rest > 0) {
            sizes.ops(1, Math.multiplyExact(rest, times));
        }
    }

    /** {@code GetCompressionFactor} in blocks: halve the factor until its blocks fit in {@code left}. */
    public long compressionFactorBlocks(long left) {
        long factor = compressionFactor;
        while (factor > blockSize) {
            if (left >= factor / blockSize) {
                return factor / blockSize;
            }
            factor >>= 1;
        }
        return 1;
    }

    /** The size the writer reports after {@code Finalize}, split into areas. */
    public AndroidCowSize size() {
        if (v3) {
            long opCountMax = estimating ? Math.max(initialOpCountMax, ops) : initialOpCountMax;
            long sequence = Math.multiplyExact(sequenceEntries, Integer.BYTES);
            long resume = Math.multiplyExact(resumePointMax, RESUME_POINT_BYTES);
            long opArea = Math.multiplyExact(opCountMax, V3_OP_BYTES);
            long total = Math.addExact(Math.addExact(Math.addExact(headerBytes, bufferBytes), Math.addExact(sequence, resume)),
                    Math.addExact(opArea, dataBytes));
            return new AndroidCowSize(3, headerBytes, bufferBytes, sequence, resume, opArea, dataBytes, 0, total, ops, 0,
                    opCountMax, ops <= opCountMax);
        }
        // GetCowSizeInfo after Finalize: Finalize's extra cluster op is written but the positions are restored
        boolean dataInLastCluster = currentDataSize > 0;
        long total = Math.addExact(dataInLastCluster ? nextDataPos : nextOpPos, V2_FOOTER_BYTES);
        long opArea = total - headerBytes - bufferBytes - dataBytes - V2_FOOTER_BYTES;
        long fileClusters = clusters + (clusterOps > 0 && dataInLastCluster ? 1 : 0);
        return new AndroidCowSize(2, headerBytes, bufferBytes, 0, 0, opArea, dataBytes, V2_FOOTER_BYTES, total, ops,
                fileClusters, 0, true);
    }
}
