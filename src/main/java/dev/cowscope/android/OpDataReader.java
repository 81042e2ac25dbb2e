package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * An op's data as AOSP's {@code CowReader::ReadData(op, buffer, buffer_size, ignore_bytes)} returns it: the
 * stored bytes at the op's data location, bounds-checked as {@code GetRawBytes} does, decoded with the file's
 * compression ({@code header.compression_algorithm}; in v2 the one the parser derived from the per-op bytes)
 * unless AOSP reads them raw (compression none; lz4/zstd ops whose {@code data_length} equals the op buffer;
 * in v3 any op whose {@code data_length} equals the op buffer). The return value is AOSP's, -1 included
 * (with its reason in {@link #lastError()}); nothing a file holds makes it throw, allocate more than the op
 * buffer (plus the compressed input, capped, and only as much as the file holds) or loop.
 * <p>
 * Not thread-safe: it keeps its input buffer and last error between reads. One reader per thread (a target
 * image makes one per worker).
 */
public final class OpDataReader {
    /** The largest op buffer we decode ({@code block_size << compression_bits}); AOSP's writers stay at or under 512 KiB. */
    public static final long MAX_OP_BUF_BYTES = 64L << 20;

    private final BlockSource cow;
    private final AndroidCowOps ops;
    private final long blockSize;
    private final long algorithm;
    private final boolean v3;
    private final int headerSize;
    private final long fileSize;
    private String lastError;
    /** The stored bytes of the last lz4/zstd op: grown to the largest op read, at most its cap (one reader per thread). */
    private byte[] input = new byte[0];
    /** The last array read into, wrapped. */
    private ByteBuffer wrapped;

    public OpDataReader(BlockSource cow, AndroidCow parsed) {
        this.cow = cow;
        this.ops = parsed.ops();
        this.blockSize = parsed.header().blockSize();
        this.algorithm = parsed.header().compressionAlgorithm();
        this.v3 = parsed.version() >= 3;
        this.headerSize = parsed.header().headerSize();
        this.fileSize = cow.sizeBytes();
    }

    /** Bytes held by the input buffer kept between reads (tests: it grows only to data the file holds). */
    int inputBufferBytes() {
        return input.length;
    }

    /** Why the last {@link #readData} returned -1. */
    public String lastError() {
        return lastError;
    }

    /** {@code CowOpCompressionSize}: the bytes op {@code i} decodes to. */
    public long opBufSize(int i) {
        return ops.opBufSize(i, blockSize);
    }

    /**
     * {@code ReadData(op, dst, bufferSize, ignoreBytes)}: fills {@code dst[0..bufferSize)} with the op's
     * decoded bytes from {@code ignoreBytes} on.
     *
     * @return AOSP's return value: the bytes written (zstd: the op buffer size, as AOSP returns it), or -1
     */
    public long readData(int i, byte[] dst, int bufferSize, long ignoreBytes) {
        return readData(i, dst, 0, bufferSize, ignoreBytes);
    }

    /** {@link #readData(int, byte[], int, long)} into {@code dst[dstOffset … dstOffset + bufferSize)}: a target image decodes a block where it goes. */
    public long readData(int i, byte[] dst, int dstOffset, int bufferSize, long ignoreBytes) {
        lastError = null;
        try {
            return read(i, dst, dstOffset, bufferSize, ignoreBytes);
        } catch (DataError e) {
            lastError = e.getMessage();
        } catch (IOException e) {
            lastError = "read failed: " + e.getMessage();
        }
        return -1;
    }

    /** The op's stored bytes ({@code GetRawBytes(op, …, data_length)}), null (with {@link #lastError()}) when they are not inside the file. */
    public byte[] storedBytes(int i) {
        lastError = null;
        try {
            long length = ops.dataLength(i);
            if (length > Integer.MAX_VALUE - 16) {
                throw new DataError(length + " bytes of data: more than one read holds");
            }
            byte[] out = new byte[(int) length];
            rawBytes(dataOffset(i), out, 0, out.length);
            return out;
        } catch (DataError e) {
            lastError = e.getMessage();
        } catch (IOException e) {
            lastError = "read failed: " + e.getMessage();
        }
        return null;
    }

    private long read(int i, byte[] dst, int dstOffset, int bufferSize, long ignoreBytes) throws IOException {
        if (dstOffset < 0 || bufferSize < 0 || bufferSize > dst.length - dstOffset || ignoreBytes < 0) {
            throw new IllegalArgumentException("buffer " + bufferSize + " at " + dstOffset + " of " + dst.length + ", ignore " + ignoreBytes);
        }
        int type = ops.type(i);
        if (!AndroidOpType.hasData(type)) {
            throw new DataError(AndroidOpType.name(type) + " op has no data");
        }
        long opBuf = opBufSize(i);
        if (opBuf == 0) {
            throw new DataError("Compression size is zero (block_size 0)");
        }
        if (opBuf > MAX_OP_BUF_BYTES) {
            throw new DataError(String.format(Locale.ROOT, "op buffer of %d bytes (block_size %d << %d): more than the %d "
                    + "bytes we decode; AOSP's writers use at most 512 KiB", opBuf, blockSize, ops.compressionBits(i), MAX_OP_BUF_BYTES));
        }
        long length = ops.dataLength(i);
        boolean lz4OrZstdRaw = length == opBuf && (algorithm == 3 || algorithm == 4);
        if (algorithm > 4) {
            throw new DataError("Unknown compression type: " + algorithm);
        }
        long offset = dataOffset(i);
        if (algorithm == 0 || lz4OrZstdRaw || (length == opBuf && v3)) {
            return readRaw(offset, length, dst, dstOffset, bufferSize, ignoreBytes);
        }
        DataStream in = new DataStream(offset, length);
        int size = (int) opBuf;
        if (algorithm == 1 || algorithm == 2) {
            return StreamDecoder.decode(algorithm == 1 ? StreamDecoder.gz() : StreamDecoder.brotli(), in, dst, dstOffset, bufferSize, ignoreBytes);
        }
        int inputLength = in.readAll(BlockDecoders.maxInputBytes(size));
        return algorithm == 3 ? BlockDecoders.lz4(input, inputLength, dst, dstOffset, bufferSize, size, ignoreBytes)
                : BlockDecoders.zstd(input, inputLength, dst, dstOffset, bufferSize, size, ignoreBytes);
    }

    /** AOSP's raw path: a stream of {@code data_length - ignore} bytes read fully into the buffer. */
    private long readRaw(long offset, long length, byte[] dst, int dstOffset, int bufferSize, long ignoreBytes) throws IOException {
        long remaining = length - ignoreBytes; // size_t in AOSP: an ignore past the data wraps to a huge stream
        if (remaining < 0) {
            throw new DataError("invalid data offset: ignoring " + ignoreBytes + " of " + length + " bytes");
        }
        if (remaining > bufferSize) {
            throw new DataError(String.format(Locale.ROOT,
                    "Stream ended prematurely: %d stored bytes do not fit the %d-byte buffer", remaining, bufferSize));
        }
        if (remaining > 0) {
            rawBytes(offset + ignoreBytes, dst, dstOffset, (int) remaining);
        }
        return remaining;
    }

    private long dataOffset(int i) {
        return ops.dataOffset(i); // REPLACE/SEQUENCE: the source; XOR: the parser's location for its new block
    }

    /** {@code GetRawBytes(offset, …, len)}: the same checks, so a read outside the data never happens. */
    void rawBytes(long offset, byte[] dst, int at, int length) throws IOException {
        checkRange(offset, length);
        if (wrapped == null || wrapped.array() != dst) {
            wrapped = ByteBuffer.wrap(dst); // kept while the same array is read into (one wrapper per op was garbage)
        }
        cow.readFully(offset, wrapped.limit(at + length).position(at));
    }

    /** {@code GetRawBytes}'s bounds: {@code length} bytes at {@code offset} inside the file, past the header. */
    private void checkRange(long offset, long length) throws DataError {
        if (offset < headerSize || offset >= fileSize || length > fileSize - offset || length >= fileSize) {
            throw new DataError(String.format(Locale.ROOT, "invalid data offset: %d, %d bytes (the file has %d)", offset, length, fileSize));
        }
    }

    /** {@code CowDataStream}: the op's stored bytes, read in pieces. */
    final class DataStream {
        private long offset;
        private long remaining;
        final long size;

        DataStream(long offset, long size) {
            this.offset = offset;
            this.remaining = size;
            this.size = size;
        }

        long remaining() {
            return remaining;
        }

        /** Reads up to {@code n} bytes; 0 only at the end. */
        int read(byte[] into, int n) throws IOException {
            int count = (int) Math.min(n, remaining);
            if (count > 0) {
                rawBytes(offset, into, 0, count);
                offset += count;
                remaining -= count;
            }
            return count;
        }

        /**
         * The whole stream (AOSP's lz4 and zstd read it at once) into the reader's input buffer, kept from op
         * to op (no garbage per op); refused past {@code cap} bytes. Returns its length.
         */
        int readAll(long cap) throws IOException {
            if (size > cap) {
                throw new DataError(String.format(Locale.ROOT, "%d bytes of compressed data for an op buffer this size: more "
                        + "than any encoder emits (we stop at %d); the op is corrupt", size, cap));
            }
            if (size > 0) {
                checkRange(offset, size); // before growing: a hostile data_length must not make the kept buffer large
            }
            if (input.length < size) {
                input = new byte[(int) Math.max(size, Math.min(cap, 2L * input.length))];
            }
            if (size > 0) {
                rawBytes(offset, input, 0, (int) size);
            }
            return (int) size;
        }
    }

    /** A reason AOSP's read fails (its log line where it has one). */
    static final class DataError extends IOException {
        private static final long serialVersionUID = 1L;

        DataError(String message) {
            super(message);
        }
    }
}
