package dev.cowscope.android;

import java.util.Arrays;

/**
 * The ops of an Android COW in file order, as AOSP's {@code GetOpIter()} yields them (v2 ops translated
 * to the in-memory {@code CowOperationV3}; the footer is not an op), with no object per op: each op is
 * AOSP's own 16-byte {@code CowOperationV3} as two longs (so a v3 op area is read into them with one copy),
 * <ul>
 * <li>word 0: {@code data_length} (u32) | {@code new_block} (u32) &lt;&lt; 32;</li>
 * <li>word 1: {@code source_info}: type (4 bits) &lt;&lt; 60 | compression factor exponent (3 bits) &lt;&lt; 57 |
 *     the 48-bit source (COPY: block; REPLACE/SEQUENCE: data offset; XOR: byte offset in the source image);
 *     of the 9 bits between, which AOSP ignores, a v2 op keeps its compression byte in the low 8 (a v3 op area is
 *     read in as it is: its bits there are the file's, and ignored);</li>
 * </ul>
 * plus, only where the file has them, where each XOR's data lies (12 bytes per XOR op, found by the op's index):
 * 16 to 28 bytes per op.
 */
public final class AndroidCowOps {
    private static final long SOURCE_MASK = (1L << 48) - 1;
    /** Where word 1 keeps a v2 op's compression byte. */
    static final int V2_COMPRESSION_SHIFT = 48;

    private long[] words;
    /** Whether the words came from a v3 op area as they lie (their bits 48 to 56 are not a v2 compression byte). */
    private boolean rawV3;
    /** The XOR ops that have data, by rising op index, and where their data lies. */
    private int[] xorOps;
    private long[] xorDataOffset;
    private int xorCount;
    private int size;

    /** The most ops the columns hold: two longs per op in one array. */
    public static final int MAX_OPS = Integer.MAX_VALUE / 2 - 16;

    AndroidCowOps(int initialCapacity) {
        if (initialCapacity > MAX_OPS) {
            throw new IllegalArgumentException(initialCapacity + " ops: at most " + MAX_OPS);
        }
        words = new long[2 * Math.max(16, initialCapacity)];
    }

    /** Bytes of heap each op takes at least (AOSP's in-memory op). */
    public static final int BYTES_PER_OP = 16;

    void add(int opType, int compression, int bits, long length, long block, long src, long offset) {
        if (size == capacity()) {
            grow();
        }
        put(size, (length & 0xffffffffL) | (block << 32), ((long) (opType & 0xf) << 60) | ((long) (bits & 7) << 57)
                | (src & SOURCE_MASK), compression);
        if ((opType & 0xf) == AndroidOpType.XOR) {
            setXorDataOffset(size, offset);
        }
        size++;
    }

    /**
     * Room past the last op: the v2 walk's bulk path {@link #put}s ops into it, then {@link #setSize}. None makes
     * none (the walk's {@link #add} grows the columns for an op it has): columns sized by the footer stay so.
     */
    int room() {
        return capacity() - size;
    }

    /** Op {@code i}, in the room past the last, as the in-memory words (source 48 bits) and its v2 compression byte. */
    void put(int i, long word0, long word1, int compression) {
        if (rawV3) {
            throw new IllegalStateException("ops read from a v3 op area as they lie take no v2 op");
        }
        words[2 * i] = word0;
        words[2 * i + 1] = word1 | (long) (compression & 0xff) << V2_COMPRESSION_SHIFT;
    }

    /**
     * The words, for the v2 walk's plain loop: it writes ops in the {@link #room} past the last as {@link #put} would,
     * then {@link #setSize}.
     */
    long[] words() {
        return words;
    }

    /** The ops {@link #put} up to {@code newSize} are in. */
    void setSize(int newSize) {
        if (newSize < size || newSize > capacity()) {
            throw new IllegalArgumentException("size " + newSize + " with " + size + " ops and room for " + capacity());
        }
        size = newSize;
    }

    /**
     * The v3 parse's bulk path: {@code count} ops as the file holds them (little-endian {@code CowOperationV3}s)
     * from {@code from}, appended with one copy; the caller then goes over them ({@link #word0}, {@link #word1}).
     */
    void appendRaw(java.nio.ByteBuffer from, int count) {
        if (size > 0 && !rawV3) {
            throw new IllegalStateException("v2 ops keep their compression byte where a v3 op area has its own bits");
        }
        while (capacity() - size < count) {
            grow();
        }
        from.order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words, 2 * size, 2 * count);
        rawV3 = true;
        from.position(from.position() + 16 * count);
        size += count;
    }

    long word0(int i) {
        return words[2 * i];
    }

    long word1(int i) {
        return words[2 * i + 1];
    }

    private int capacity() {
        return words.length / 2;
    }

    private void grow() {
        if (capacity() >= MAX_OPS) {
            throw new IllegalStateException("more than " + MAX_OPS + " ops: the parser refuses a file that needs more");
        }
        int c = (int) Math.min(MAX_OPS, (long) capacity() + (capacity() >> 1) + 16);
        words = Arrays.copyOf(words, 2 * c);
    }

    void truncate(int newSize) {
        size = Math.min(size, newSize);
        xorCount = xorSlot(size); // the XOR ops before the new end stay
        if (xorCount < 0) {
            xorCount = -xorCount - 1;
        }
    }

    /**
     * Drops the room past the last op when it is more than an eighth of the columns (a v2 file's op count is known
     * only at its end), and the room past the last XOR op when it is more than an eighth, or when the ops would take
     * more than 31 bytes each: at most 31 bytes an op stay (16 · 8/7 + 12 = 30.3 when every op is an XOR); a copy
     * needs at most twice what the columns hold.
     */
    void trimToSize() {
        if ((long) capacity() * 7 > (long) size * 8) {
            words = Arrays.copyOf(words, 2 * size);
        }
        if (xorOps != null && ((long) xorOps.length * 7 > (long) xorCount * 8 || retainedBytes() > 31L * size)) {
            xorOps = Arrays.copyOf(xorOps, xorCount);
            xorDataOffset = Arrays.copyOf(xorDataOffset, xorCount);
        }
    }

    /**
     * Where XOR op {@code i}'s data lies (only XOR ops have a place for it; a negative offset keeps none). The walks set
     * ops in rising index order, which appends; an op set before is set again in place, and one set out of order is put
     * in its place (a shift, never needed by the walks).
     */
    void setXorDataOffset(int i, long offset) {
        int slot = xorCount > 0 && xorOps[xorCount - 1] >= i ? xorSlot(i) : -xorCount - 1;
        if (slot >= 0) {
            xorDataOffset[slot] = offset; // a negative one means none, as dataOffset reads it
            return;
        }
        if (offset < 0) {
            return;
        }
        xorRoom(1);
        int at = -slot - 1;
        System.arraycopy(xorOps, at, xorOps, at + 1, xorCount - at);
        System.arraycopy(xorDataOffset, at, xorDataOffset, at + 1, xorCount - at);
        xorOps[at] = i;
        xorDataOffset[at] = offset;
        xorCount++;
    }

    /**
     * Where {@code count} XOR ops lie ({@code ops} rising, each past the ops set before: the v2 walk's plain loop),
     * those with a negative offset keeping none.
     */
    void appendXorPlaces(int[] ops, long[] offsets, int count) {
        if (count == 0) {
            return;
        }
        if (xorCount > 0 && ops[0] <= xorOps[xorCount - 1]) {
            throw new IllegalArgumentException("XOR op " + ops[0] + " is not past op " + xorOps[xorCount - 1]);
        }
        xorRoom(count);
        for (int k = 0; k < count; k++) {
            if (offsets[k] >= 0) {
                xorOps[xorCount] = ops[k];
                xorDataOffset[xorCount++] = offsets[k];
            }
        }
    }

    /** Room for {@code more} XOR places. */
    private void xorRoom(int more) {
        if (xorOps != null && xorOps.length - xorCount >= more) {
            return;
        }
        // the first room for a thirty-second of the ops (XOR ops come by the thousand in an OTA: a growth from 16
        // copied them ten times), then half again
        long grown = xorOps == null ? Math.max(16, capacity() >> 5) : xorCount + (xorCount >> 1) + 16L;
        int room = (int) Math.min(MAX_OPS, Math.max(grown, (long) xorCount + more));
        xorOps = xorOps == null ? new int[room] : Arrays.copyOf(xorOps, room);
        xorDataOffset = xorDataOffset == null ? new long[room] : Arrays.copyOf(xorDataOffset, room);
    }

    /** The slot of XOR op {@code i}, or {@code -(insertion point) - 1}. */
    private int xorSlot(int i) {
        return xorOps == null ? -1 : Arrays.binarySearch(xorOps, 0, xorCount, i);
    }

    public int size() {
        return size;
    }

    public int type(int i) {
        return (int) (words[2 * check(i) + 1] >>> 60);
    }

    /** The v2 on-disk per-op compression byte (0 in v3). */
    public int v2Compression(int i) {
        return rawV3 ? 0 : (int) (words[2 * check(i) + 1] >>> V2_COMPRESSION_SHIFT) & 0xff;
    }

    public int compressionBits(int i) {
        return (int) (words[2 * check(i) + 1] >>> 57) & 7;
    }

    public long dataLength(int i) {
        return words[2 * check(i)] & 0xffffffffL;
    }

    public long newBlock(int i) {
        return words[2 * check(i)] >>> 32;
    }

    public long source(int i) {
        return words[2 * check(i) + 1] & SOURCE_MASK;
    }

    /**
     * Where the op's data is in the COW, -1 when it has none (COPY, ZERO, metadata ops): REPLACE's and
     * SEQUENCE's is their source; XOR's is where the parser found it (AOSP keeps it by new block).
     */
    public long dataOffset(int i) {
        int t = type(i);
        if (t == AndroidOpType.REPLACE || t == AndroidOpType.SEQUENCE) {
            return source(i);
        }
        if (t != AndroidOpType.XOR) {
            return -1;
        }
        int slot = xorSlot(i);
        return slot < 0 ? -1 : Math.max(-1, xorDataOffset[slot]);
    }

    /** {@code source_info} as a v3 op holds it: type, compression bits, source. */
    public long sourceInfo(int i) {
        return words[2 * check(i) + 1] & ~(0x1ffL << 48);
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
        return 8L * words.length + (xorOps == null ? 0 : 12L * xorOps.length);
    }

    /** How many ops of each type code (index = the 4-bit type). */
    public long[] countsByType() {
        long[] counts = new long[16];
        for (int i = 0; i < size; i++) {
            counts[(int) (words[2 * i + 1] >>> 60)]++;
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
