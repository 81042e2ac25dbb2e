package dev.cowscope.android;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes v3 COW files the way AOSP's layout has them (header, no scratch, no sequence data, no resume slots,
 * {@code op_count_max} op slots, then the data in op order), for tests and benchmarks that need files AOSP's
 * writer did not make: large ones, hostile ones. The caller gives the stored (already compressed) bytes.
 */
final class V3CowWriter implements AutoCloseable {
    static final int HEADER = 78;

    private final FileChannel out;
    private final ByteBuffer ops;
    private final long opCountMax;
    private final int compression;
    private final long dataStart;
    private long dataPos;
    private int count;

    V3CowWriter(Path file, int compression, long opCountMax) throws IOException {
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.ops = ByteBuffer.allocate(Math.toIntExact(opCountMax * 16)).order(ByteOrder.LITTLE_ENDIAN);
        this.opCountMax = opCountMax;
        this.compression = compression;
        this.dataStart = HEADER + opCountMax * 16;
        this.dataPos = dataStart;
    }

    V3CowWriter copy(long newBlock, long sourceBlock) {
        return op(AndroidOpType.COPY, 0, 0, newBlock, sourceBlock);
    }

    V3CowWriter zero(long newBlock) {
        return op(AndroidOpType.ZERO, 0, 0, newBlock, 0);
    }

    V3CowWriter replace(long newBlock, int bits, byte[] stored) throws IOException {
        op(AndroidOpType.REPLACE, bits, stored.length, newBlock, dataPos);
        return data(stored);
    }

    V3CowWriter xor(long newBlock, long sourceOffset, byte[] stored) throws IOException {
        op(AndroidOpType.XOR, 0, stored.length, newBlock, sourceOffset);
        return data(stored);
    }

    private V3CowWriter op(int type, int bits, long dataLength, long newBlock, long source) {
        ops.putInt((int) dataLength).putInt((int) newBlock).putLong(((long) type << 60) | ((long) bits << 57) | source);
        count++;
        return this;
    }

    private V3CowWriter data(byte[] stored) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(stored);
        while (b.hasRemaining()) {
            out.write(b, dataPos + b.position());
        }
        dataPos += stored.length;
        return this;
    }

    @Override
    public void close() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 3).putShort(12, (short) HEADER).putShort(16, (short) 16)
                .putInt(18, 4096).putLong(54, count).putLong(62, opCountMax).putInt(70, compression).putInt(74, 4096);
        out.write(h, 0);
        ops.flip();
        while (ops.hasRemaining()) {
            out.write(ops, HEADER + ops.position());
        }
        if (out.size() < dataStart) {
            out.write(ByteBuffer.allocate(1), dataStart - 1);
        }
        out.close();
    }
}
