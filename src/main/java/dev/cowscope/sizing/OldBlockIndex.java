package dev.cowscope.sizing;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Where a block's content lies in the old image: one sorted {@code long[]} of keys, 8 bytes per non-zero old block
 * (a 4 GiB image of 4K blocks: 8 MiB), no object per block. A key is the block's 64-bit content hash with its low
 * {@code indexBits} bits replaced by the block number, so sorting the keys sorts by hash and keeps each block
 * number beside its hash. Equal hash prefixes are only candidates: {@link AndroidPairEstimator} compares the bytes.
 * Zero blocks are not indexed (a new zero block is a ZERO op, never a COPY).
 */
final class OldBlockIndex {
    /** Heap per indexed block. */
    static final int BYTES_PER_BLOCK = Long.BYTES;

    private final long[] keys;
    private final int size;
    private final long indexMask;

    private OldBlockIndex(long[] keys, int size, int indexBits) {
        this.keys = keys;
        this.size = size;
        this.indexMask = indexBits == 0 ? 0 : -1L >>> (Long.SIZE - indexBits);
    }

    /**
     * Reads the old image once, in order, and hashes every non-zero block.
     *
     * @throws IOException when the index would not fit in half the heap (the message says how much it needs)
     */
    static OldBlockIndex build(BlockSource old, int blockSize, Progress progress) throws IOException {
        long blocks = old.sizeBytes() / blockSize;
        long maxIndexable = Math.min(Integer.MAX_VALUE - 8L, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_BLOCK);
        if (blocks > maxIndexable) {
            throw new IOException(String.format("the old image %s has %d blocks of %d bytes: its block index needs %d MiB of "
                    + "heap (%d bytes per block), more than half of the %d MiB available (-Xmx)", old.name(), blocks, blockSize,
                    blocks * BYTES_PER_BLOCK >> 20, BYTES_PER_BLOCK, Runtime.getRuntime().maxMemory() >> 20));
        }
        int indexBits = Math.max(1, Long.SIZE - Long.numberOfLeadingZeros(Math.max(1, blocks - 1)));
        long highMask = ~(-1L >>> (Long.SIZE - indexBits));
        long[] keys = new long[(int) blocks];
        int n = 0;
        int bufferBlocks = Math.max(1, ImagePairScan.BUFFER_BYTES / blockSize);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bufferBlocks * blockSize);
        progress.begin("Indexing the blocks of " + old.name(), blocks * blockSize);
        for (long first = 0; first < blocks; first += bufferBlocks) {
            progress.checkCancelled();
            int count = (int) Math.min(bufferBlocks, blocks - first);
            buffer.clear().limit(count * blockSize);
            old.readFully(first * blockSize, buffer);
            for (int i = 0; i < count; i++) {
                if (!isZero(buffer, i * blockSize, blockSize)) {
                    keys[n++] = (hash(buffer, i * blockSize, blockSize) & highMask) | (first + i);
                }
            }
            progress.worked((long) count * blockSize);
        }
        Arrays.sort(keys, 0, n); // in place: the peak stays at 8 bytes per block
        return new OldBlockIndex(keys, n, indexBits);
    }

    /** Indexed (non-zero) old blocks. */
    int size() {
        return size;
    }

    /** The first position whose key has the hash prefix of {@code hash}, or -1; walk on with {@link #blockAt}. */
    int first(long hash) {
        long low = hash & ~indexMask;
        int at = Arrays.binarySearch(keys, 0, size, low);
        int i = at >= 0 ? at : -at - 1;
        return i < size && (keys[i] & ~indexMask) == low ? i : -1;
    }

    /** The old block at position {@code i} if its hash prefix is that of {@code hash}, else -1. */
    long blockAt(int i, long hash) {
        if (i < 0 || i >= size || (keys[i] & ~indexMask) != (hash & ~indexMask)) {
            return -1;
        }
        return keys[i] & indexMask;
    }

    /** A 64-bit hash of {@code length} bytes (a multiple of 8) from {@code offset}: multiply-rotate per word, then a finaliser. */
    static long hash(ByteBuffer b, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int end = offset + length - Long.BYTES + 1;
        for (int i = offset; i < end; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ b.getLong(i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    static boolean isZero(ByteBuffer b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (b.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
