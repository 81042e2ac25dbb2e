package dev.cowscope.testkit;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device of any size (16 TiB and more) held as a few written regions over zeros, in memory:
 * the cost cases of a huge sparse COW without a file system that allows such a file.
 */
public final class SparseBlockSource implements BlockSource {
    private static final byte[] ZEROS = new byte[1 << 16];
    private final String name;
    private final long sizeBytes;
    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private volatile boolean anyOrder;

    public SparseBlockSource(String name, long sizeBytes) {
        this.name = name;
        this.sizeBytes = sizeBytes;
    }

    /** Says that it serves reads in any order, as a file does (the walk then reads it with two threads); reads are safe from any thread once written. */
    public SparseBlockSource readsInAnyOrder(boolean value) {
        anyOrder = value;
        return this;
    }

    @Override
    public boolean readsInAnyOrder() {
        return anyOrder;
    }

    /** Writes {@code bytes} at {@code offset} (regions must not overlap; the part past the end is dropped). */
    public SparseBlockSource put(long offset, byte[] bytes) {
        if (offset >= 0 && offset < sizeBytes) {
            int length = (int) Math.min(bytes.length, sizeBytes - offset);
            regions.put(offset, length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
        }
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.MEMORY;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        long end = offsetBytes + dst.remaining();
        int base = dst.position();
        for (int at = base; at < dst.limit(); at += ZEROS.length) { // bulk: the fuzzer instruments byte loops
            dst.put(at, ZEROS, 0, Math.min(ZEROS.length, dst.limit() - at));
        }
        Map.Entry<Long, byte[]> first = regions.floorEntry(offsetBytes);
        Long from = first == null ? offsetBytes : first.getKey();
        for (Map.Entry<Long, byte[]> region : regions.subMap(from, true, end, false).entrySet()) {
            long start = region.getKey();
            byte[] bytes = region.getValue();
            long lo = Math.max(start, offsetBytes);
            long hi = Math.min(start + bytes.length, end);
            if (lo < hi) {
                dst.put(base + (int) (lo - offsetBytes), bytes, (int) (lo - start), (int) (hi - lo));
            }
        }
        dst.position(dst.limit());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
