package dev.cowscope.sizing;

import dev.cowscope.android.AndroidBlockCompressor;
import dev.cowscope.android.AndroidCowLayout;
import dev.cowscope.android.AndroidCowOptions;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.format.BlockSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the new image's blocks into the ops a Virtual A/B writer would get, riding on the dm pass
 * ({@link ImagePairScan.BufferListener}): a block equal to the old one at its place needs nothing; an all-zero block
 * is a ZERO; a block found byte for byte elsewhere in the old image ({@link OldBlockIndex}) is a COPY; anything else
 * is a REPLACE. XOR ops are never produced: they come from update_engine's binary diffs (bsdiff, puffdiff …), which
 * this does not compute, so a block an OTA would XOR counts as a REPLACE here.
 *
 * <p>Consecutive REPLACE blocks form one {@code AddRawBlocks} call, cut into ops as the writer cuts it
 * ({@link AndroidCowLayout#dataOpBlocks}: v3 multi-block ops up to the compression factor, per batch of
 * {@code cluster_ops}); each op's buffer is compressed with every requested algorithm. Memory: the op columns,
 * 1 + 4·k bytes per op for k algorithms, plus one op buffer.
 */
final class AndroidPairEstimator implements ImagePairScan.BufferListener {
    /** Candidates with the same hash prefix compared per block before giving up (bounds a hash-flood). */
    private static final int MAX_CANDIDATES = 16;

    private final BlockSource oldImage;
    private final OldBlockIndex index;
    private final int blockSize;
    private final AndroidCowLayout splitter;
    private final AndroidBlockCompressor[] compressors;
    private final int maxOpBlocks;
    private final long batchBlocks;
    private final byte[] run;
    private final ByteBuffer candidate;
    private final ByteBuffer zero;
    private int runBlocks;
    private long blocksInBatch;
    private boolean previousWasReplace;

    long unchangedBlocks;
    long copyBlocks;
    long zeroBlocks;
    long replaceBlocks;
    long hashCollisions;
    private byte[] opType = new byte[1024];
    private int[][] opLength;
    private int ops;

    AndroidPairEstimator(BlockSource oldImage, OldBlockIndex index, AndroidCowOptions options,
                         List<AndroidBlockCompressor> compressors) {
        this.oldImage = oldImage;
        this.index = index;
        this.blockSize = Math.toIntExact(options.blockSize());
        this.splitter = new AndroidCowLayout(options);
        this.compressors = compressors.toArray(AndroidBlockCompressor[]::new);
        this.maxOpBlocks = options.version() >= 3 ? Math.toIntExact(options.compressionFactor() / options.blockSize()) : 1;
        this.batchBlocks = options.version() >= 3 ? Math.max(1, options.clusterOps()) : Long.MAX_VALUE;
        this.run = new byte[maxOpBlocks * blockSize];
        this.candidate = ByteBuffer.allocateDirect(blockSize);
        this.zero = ByteBuffer.allocateDirect(blockSize);
        this.opLength = new int[this.compressors.length][1024];
    }

    @Override
    public void buffer(long startBytes, ByteBuffer oldBytes, ByteBuffer newBytes, int length) throws IOException {
        for (int at = 0; at + blockSize <= length; at += blockSize) {
            if (same(oldBytes, at, newBytes, at)) {
                unchangedBlocks++;
                endRun();
            } else if (same(zero, 0, newBytes, at)) {
                zeroBlocks++;
                endRun();
                addOp(AndroidOpType.ZERO);
            } else if (foundInOld(startBytes, oldBytes, length, newBytes, at)) {
                copyBlocks++; // COPY ops go first, with the merge sequence: counted here, placed by finish()
                endRun();
            } else {
                replaceBlocks++;
                addReplaceBlock(newBytes, at);
            }
        }
    }

    private boolean foundInOld(long startBytes, ByteBuffer oldBytes, int length, ByteBuffer newBytes, int at) throws IOException {
        long hash = OldBlockIndex.hash(newBytes, at, blockSize);
        int first = index.first(hash);
        if (first < 0) {
            return false;
        }
        for (int i = first; i < first + MAX_CANDIDATES; i++) {
            long block = index.blockAt(i, hash);
            if (block < 0) {
                break;
            }
            long offset = block * blockSize;
            boolean equal;
            if (offset >= startBytes && offset + blockSize <= startBytes + length) {
                equal = same(oldBytes, (int) (offset - startBytes), newBytes, at);
            } else {
                candidate.clear();
                oldImage.readFully(offset, candidate);
                equal = same(candidate, 0, newBytes, at);
            }
            if (equal) {
                return true;
            }
            hashCollisions++;
        }
        return false;
    }

    private boolean same(ByteBuffer a, int aAt, ByteBuffer b, int bAt) {
        return a.slice(aAt, blockSize).mismatch(b.slice(bAt, blockSize)) < 0;
    }

    /** Adds a block to the current REPLACE call; emits an op as soon as the writer's cut of it is certain. */
    private void addReplaceBlock(ByteBuffer newBytes, int at) {
        if (!previousWasReplace) {
            blocksInBatch = 0;
        }
        previousWasReplace = true;
        newBytes.get(at, run, runBlocks * blockSize, blockSize);
        runBlocks++;
        long leftInBatch = batchBlocks - blocksInBatch;
        if (runBlocks == maxOpBlocks && leftInBatch >= maxOpBlocks) {
            emitRun(); // at least a whole factor is left in this batch: the writer takes the largest op
        } else if (runBlocks == leftInBatch) {
            emitRun(); // the batch ends here: the writer cuts what is left of it greedily
        }
    }

    private void endRun() {
        emitRun();
        previousWasReplace = false;
    }

    private void emitRun() {
        if (runBlocks == 0) {
            return;
        }
        int from = 0;
        for (long opBlocks : splitter.dataOpBlocks(runBlocks, false)) {
            int bytes = (int) opBlocks * blockSize;
            addOp(AndroidOpType.REPLACE);
            for (int k = 0; k < compressors.length; k++) {
                opLength[k][ops - 1] = Math.toIntExact(compressors[k].storedLength(run, from, bytes));
            }
            from += bytes;
        }
        blocksInBatch = (blocksInBatch + runBlocks) % batchBlocks;
        runBlocks = 0;
    }

    private void addOp(int type) {
        if (ops == opType.length) {
            int grown = Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, ops + (long) (ops >> 1) + 16));
            opType = Arrays.copyOf(opType, grown);
            for (int k = 0; k < opLength.length; k++) {
                opLength[k] = Arrays.copyOf(opLength[k], grown);
            }
        }
        opType[ops++] = (byte) type;
    }

    /** Ends the last REPLACE call. */
    void finish() {
        endRun();
    }

    /** Data ops (REPLACE) planned. */
    long replaceOps() {
        long n = 0;
        for (int i = 0; i < ops; i++) {
            n += opType[i] == AndroidOpType.REPLACE ? 1 : 0;
        }
        return n;
    }

    /**
     * The writer fed as update_engine's dry run feeds it: the merge sequence (one entry per COPY), the COPY ops,
     * the ZERO and REPLACE ops in block order, one label, Finalize.
     */
    AndroidCowLayout layout(AndroidCowOptions options, int compression) {
        AndroidCowLayout layout = new AndroidCowLayout(options);
        if (copyBlocks > 0) {
            layout.addSequenceData(copyBlocks);
        }
        layout.addRepeated(AndroidOpType.COPY, copyBlocks);
        for (int i = 0; i < ops; i++) {
            layout.add(opType[i], opType[i] == AndroidOpType.REPLACE ? opLength[compression][i] : 0);
        }
        layout.add(AndroidOpType.LABEL, 0);
        return layout;
    }

    /** Stored REPLACE bytes with compression {@code k}. */
    long replaceDataBytes(int compression) {
        long total = 0;
        for (int i = 0; i < ops; i++) {
            total += opType[i] == AndroidOpType.REPLACE ? opLength[compression][i] : 0;
        }
        return total;
    }
}
