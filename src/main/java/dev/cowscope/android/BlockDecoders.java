package dev.cowscope.android;

import com.github.luben.zstd.Zstd;
import java.util.Locale;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * AOSP's lz4 and zstd decompressors: the whole stored input at once into the whole op buffer
 * ({@code LZ4_decompress_safe}, {@code ZSTD_decompress}), which must come out exactly
 * {@code decompressed_size} bytes; then AOSP's own handling of a partial request (a smaller buffer, bytes
 * to ignore), return values included. lz4 is lz4-java's JNI binding of the very {@code LZ4_decompress_safe}
 * AOSP calls (bounds-checked C; 4-5x the speed of the pure-Java decoder on a whole image), or its pure-Java
 * safe decompressor where the native library does not load; zstd is zstd-jni, the reference libzstd.
 */
final class BlockDecoders {
    private static final LZ4SafeDecompressor LZ4 = lz4();

    private BlockDecoders() {
    }

    private static LZ4SafeDecompressor lz4() {
        try {
            return LZ4Factory.nativeInstance().safeDecompressor();
        } catch (LinkageError | RuntimeException e) { // no native library for this platform: the same format, in Java
            return LZ4Factory.safeInstance().safeDecompressor();
        }
    }

    /**
     * The most stored bytes an op of {@code opBuf} bytes can need: above both encoders' worst case
     * ({@code LZ4_compressBound}, {@code ZSTD_COMPRESSBOUND}). AOSP would read more into memory; we call it corrupt.
     */
    static long maxInputBytes(long opBuf) {
        return opBuf + opBuf / 8 + 4096;
    }

    /** {@code Lz4Decompressor::Decompress} of {@code input[0, inputLength)} into {@code dst[dstOffset …)}. */
    static long lz4(byte[] input, int inputLength, byte[] dst, int dstOffset, int bufferSize, int decompressedSize, long ignore)
            throws OpDataReader.DataError {
        boolean partial = bufferSize < decompressedSize;
        byte[] decode = partial ? new byte[decompressedSize] : dst;
        int at = partial ? 0 : dstOffset;
        int limit = partial ? decompressedSize : bufferSize;
        int n;
        try {
            n = LZ4.decompress(input, 0, inputLength, decode, at, limit);
        } catch (RuntimeException e) {
            throw new OpDataReader.DataError("Failed to decompress LZ4 block: " + e.getMessage());
        }
        if (n != decompressedSize) {
            throw new OpDataReader.DataError(String.format(Locale.ROOT,
                    "Failed to decompress LZ4 block, expected output size: %d, actual: %d", decompressedSize, n));
        }
        if (ignore > n) {
            throw new OpDataReader.DataError("Ignoring more bytes than exist in stream (ignoring " + ignore + ", got " + n + ")");
        }
        int skip = (int) ignore;
        if (!partial) {
            if (skip > 0) {
                System.arraycopy(dst, dstOffset + skip, dst, dstOffset, n - skip);
            }
            return n - skip;
        }
        int copy = Math.min(n - skip, bufferSize);
        System.arraycopy(decode, skip, dst, dstOffset, copy);
        return copy;
    }

    /**
     * {@code ZstdDecompressor::Decompress} of {@code input[0, inputLength)} into {@code dst[dstOffset …)}: note that
     * AOSP returns the whole op's size even for a partial read.
     */
    static long zstd(byte[] input, int inputLength, byte[] dst, int dstOffset, int bufferSize, int decompressedSize, long ignore)
            throws OpDataReader.DataError {
        if (ignore > decompressedSize || bufferSize < decompressedSize - ignore) {
            throw new OpDataReader.DataError("buffer size " + bufferSize + " is not large enough to hold decompressed data. "
                    + "Decompressed size " + decompressedSize + ", ignore_bytes " + ignore);
        }
        byte[] decode = ignore == 0 ? dst : new byte[decompressedSize];
        int at = ignore == 0 ? dstOffset : 0;
        long n;
        try {
            n = Zstd.decompressByteArray(decode, at, decompressedSize, input, 0, inputLength);
        } catch (RuntimeException e) {
            throw new OpDataReader.DataError("Failed to decompress ZSTD block: " + e.getMessage());
        }
        if (Zstd.isError(n) || n != decompressedSize) {
            throw new OpDataReader.DataError("Failed to decompress ZSTD block, expected output size: " + decompressedSize
                    + ", actual: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : Long.toString(n)));
        }
        if (ignore > 0) {
            // AOSP copies buffer_size bytes from there, reading past its buffer when they are fewer: we copy what there is
            System.arraycopy(decode, (int) ignore, dst, dstOffset, (int) Math.min(bufferSize, decompressedSize - ignore));
        }
        return decompressedSize;
    }
}
