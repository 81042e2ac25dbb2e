package dev.cowscope.android;

import java.util.Arrays;

/**
 * The ops of an Android COW in file order, as AOSP's {@code GetOpIter()} yields them (v2 ops translated
 * to the in-memory {@code CowOperationV3}; the footer is not an op), in primitive columns: 27 bytes per
 * op, no object per op.
 * <ul>
 * <li>{@code type}: the op type (4 bits, as {@code CowOperationV3::type()});</li>
 * <li>{@code v2Compression}: the v2 per-op compression byte (0 for v3);</li>
 * <li>{@code compressionBits}: the v3 compression factor exponent (the op covers {@code block_size << bits});</li>
 * <li>{@code dataLength}: u32 ({@code data_length});</li>
 * <li>{@code newBlock}: u32;</li>
 * <li>{@code source}: the 48-bit source (COPY: block; REPLACE/SEQUENCE: data offset; XOR: byte offset in the source image);</li>
 * <li>{@code dataOffset}: where the op's data lies in the COW (REPLACE/SEQUENCE: the source; XOR: the
 *     location the parser recorded for its new block), -1 for ops without data.</li>
 * </ul>
 */
public final class AndroidCowOps {
    private byte[] type;
    private byte[] v2Compression;
    private byte[] compressionBits;
    private int[] dataLength;
    private int[] newBlock;
    private long[] source;
    private long[] dataOffset;
    private int size;

    AndroidCowOps(int initialCapacity) {
        int c = Math.max(16, initialCapacity);
        type = new byte[c];
        v2Compression = new byte[c];
        compressionBits = new byte[c];
        dataLength = new int[c];
        newBlock = new int[c];
        source = new long[c];
        dataOffset = new long[c];
    }

    /** Bytes of heap each op takes. */
    public static final int BYTES_PER_OP = 3 + 4 + 4 + 8 + 8;

    void add(int opType, int compression, int bits, long length, long block, long src, long offset) {
        if (size == type.length) {
            grow();
        }
        type[size] = (byte) opType;
        v2Compression[size] = (byte) compression;
        compressionBits[size] = (byte) bits;
        dataLength[size] = (int) length;
        newBlock[size] = (int) block;
        source[size] = src;
        dataOffset[size] = offset;
        size++;
    }

    private void grow() {
        long wanted = Math.min((long) Integer.MAX_VALUE - 16, (long) type.length + (type.length >> 1) + 16);
        int c = (int) wanted;
        type = Arrays.copyOf(type, c);
        v2Compression = Arrays.copyOf(v2Compression, c);
        compressionBits = Arrays.copyOf(compressionBits, c);
        dataLength = Arrays.copyOf(dataLength, c);
        newBlock = Arrays.copyOf(newBlock, c);
        source = Arrays.copyOf(source, c);
        dataOffset = Arrays.copyOf(dataOffset, c);
    }

    void truncate(int newSize) {
        size = Math.min(size, newSize);
    }

    void setDataOffset(int i, long offset) {
        dataOffset[i] = offset;
    }

    public int size() {
        return size;
    }

    public int type(int i) {
        return type[check(i)] & 0xff;
    }

    /** The v2 on-disk per-op compression byte (0 in v3). */
    public int v2Compression(int i) {
        return v2Compression[check(i)] & 0xff;
    }

    public int compressionBits(int i) {
        return compressionBits[check(i)];
    }

    public long dataLength(int i) {
        return dataLength[check(i)] & 0xffffffffL;
    }

    public long newBlock(int i) {
        return newBlock[check(i)] & 0xffffffffL;
    }

    public long source(int i) {
        return source[check(i)];
    }

    /** Where the op's data is in the COW, -1 when it has none (COPY, ZERO, metadata ops). */
    public long dataOffset(int i) {
        return dataOffset[check(i)];
    }

    /** {@code source_info} as a v3 op holds it: type, compression bits, source. */
    public long sourceInfo(int i) {
        return ((long) (type(i) & 0xf) << 60) | ((long) (compressionBits(i) & 7) << 57) | source(i);
    }

    /** The bytes the op decodes to ({@code block_size << compression_bits}). */
    public long opBufSize(int i, long blockSize) {
        return blockSize << compressionBits(i);
    }

    /** Byte offset of a COPY's or XOR's data in the source image, -1 for other ops. */
    public long sourceOffset(int i, long blockSize) {
        int t = type(i);
        if (t == AndroidOpType.COPY) {
            return source(i) * blockSize;
        }
        return t == AndroidOpType.XOR ? source(i) : -1;
    }

    /** Heap the columns take (their capacity, not just the ops in use). */
    public long retainedBytes() {
        return (long) type.length * BYTES_PER_OP;
    }

    /** How many ops of each type code (index = the 4-bit type). */
    public long[] countsByType() {
        long[] counts = new long[16];
        for (int i = 0; i < size; i++) {
            counts[type[i] & 0xf]++;
        }
        return counts;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("op " + i + " of " + size);
        }
        return i;
    }
}
