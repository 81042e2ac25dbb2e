package dev.cowscope.android;

import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Locale;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * The length a writer stores a REPLACE buffer with, computed with the same reference libraries AOSP's
 * {@code cow_compress.cpp} calls: liblz4 ({@code LZ4_compress_default}, lz4-java's port of it), zlib
 * ({@code compress2}: the JDK's {@link Deflater} with the zlib wrapper, level {@code Z_BEST_COMPRESSION} = 9 unless
 * given) and libzstd ({@code ZSTD_compress2}, level {@code ZSTD_defaultCLevel()} = 3, {@code windowLog = log2} of
 * the compressor's block size). Brotli is refused: no maintained Java brotli encoder exists (org.brotli:dec only
 * decodes), and a guessed length would look like a computed one.
 *
 * <p>Raw storage differs between the writers: the lz4 and zstd compressors themselves return the input when the
 * output is not smaller (both versions); the v3 writer additionally stores any algorithm raw when its output is not
 * smaller than the op's buffer ({@code ProcessBlocksWithCompression}), while v2 stores gz and brotli output even
 * when it is larger.
 *
 * <p>Not thread-safe: one per thread. Compressed bytes depend on library versions (README of the fixtures); the
 * lengths are exact for the versions AOSP was built with only where the algorithm's output did not change.
 */
public final class AndroidBlockCompressor implements AutoCloseable {
    /** {@code CowCompressionAlgorithm}, with the names {@code CompressionAlgorithmFromString} accepts. */
    public enum Algorithm {
        NONE, GZ, BROTLI, LZ4, ZSTD;

        public String aospName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A compression option as the writers parse {@code CowOptions.compression}: {@code name[,level]}.
     *
     * @param level the level, or the writer's default for the algorithm
     */
    public record Compression(Algorithm algorithm, int level) {
        /**
         * @throws IllegalArgumentException with the writer's reason ("unrecognized compression", level not an int)
         */
        public static Compression parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("'" + text + "': give an algorithm and at most one level (gz,9)");
            }
            Algorithm algorithm = switch (parts[0].trim()) {
                case "", "none" -> Algorithm.NONE;
                case "gz" -> Algorithm.GZ;
                case "brotli" -> Algorithm.BROTLI;
                case "lz4" -> Algorithm.LZ4;
                case "zstd" -> Algorithm.ZSTD;
                default -> throw new IllegalArgumentException("unrecognized compression '" + parts[0].trim()
                        + "' (none, gz, lz4, zstd, brotli)");
            };
            int level = defaultLevel(algorithm);
            if (parts.length == 2) {
                try {
                    level = Integer.parseInt(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("compression level '" + parts[1].trim() + "' is not an integer", e);
                }
            }
            if (algorithm == Algorithm.GZ && (level < -1 || level > 9)) {
                throw new IllegalArgumentException("gz level " + level + ": zlib takes -1..9");
            }
            if (algorithm == Algorithm.ZSTD && (level < -131072 || level > 22)) {
                throw new IllegalArgumentException("zstd level " + level + ": libzstd takes up to 22");
            }
            return new Compression(algorithm, level);
        }

        /** {@code name} or {@code name,level} when the level is not the default; {@code lz4} has no level. */
        public String describe() {
            return level == defaultLevel(algorithm) || algorithm == Algorithm.LZ4 || algorithm == Algorithm.NONE
                    ? algorithm.aospName() : algorithm.aospName() + "," + level;
        }
    }

    /** {@code CompressWorker::GetDefaultCompressionLevel}. */
    static int defaultLevel(Algorithm algorithm) {
        return switch (algorithm) {
            case GZ -> Deflater.BEST_COMPRESSION;
            case BROTLI -> 11; // BROTLI_DEFAULT_QUALITY
            case ZSTD -> 3; // ZSTD_defaultCLevel()
            default -> 0;
        };
    }

    private final Compression compression;
    private final boolean v3;
    private final Deflater deflater;
    private final LZ4Compressor lz4;
    private final ZstdCompressCtx zstd;
    private byte[] out = new byte[0];

    /**
     * @param version           the writer: 2 or 3
     * @param compressorBlockSize what the writer creates its compressor with: v2 {@code block_size}, v3
     *                          {@code max_compression_size} (the compression factor); sets zstd's window
     * @throws IllegalArgumentException for brotli, which we cannot encode
     */
    public AndroidBlockCompressor(Compression compression, int version, long compressorBlockSize) {
        if (compression.algorithm() == Algorithm.BROTLI) {
            throw new IllegalArgumentException("brotli: there is no maintained Java brotli encoder (org.brotli:dec only "
                    + "decodes), so its sizes cannot be computed; use gz, lz4, zstd or none");
        }
        this.compression = compression;
        this.v3 = version >= 3;
        deflater = compression.algorithm() == Algorithm.GZ ? new Deflater(compression.level()) : null;
        // the Java port, not the JNI binding: on the fixtures it matches the liblz4 1.9.4 AOSP ran with for all 24000
        // ops of the big fixtures, while the bundled native liblz4 (1.10) differed by 1-2 bytes on 39 of them
        lz4 = compression.algorithm() == Algorithm.LZ4 ? LZ4Factory.fastestJavaInstance().fastCompressor() : null;
        if (compression.algorithm() == Algorithm.ZSTD) {
            zstd = new ZstdCompressCtx().setLevel(compression.level()).setChecksum(false).setContentSize(true);
            int windowLog = 63 - Long.numberOfLeadingZeros(compressorBlockSize);
            if (windowLog >= 10 && windowLog <= 30) { // ZSTD_WINDOWLOG_MIN..MAX; AOSP ignores the refusal otherwise
                zstd.setWindowLog(windowLog);
            }
        } else {
            zstd = null;
        }
    }

    public Compression compression() {
        return compression;
    }

    /** The {@code data_length} the writer records for an op whose buffer is {@code data[offset, offset+length)}. */
    public long storedLength(byte[] data, int offset, int length) {
        long compressed = switch (compression.algorithm()) {
            case NONE -> length;
            case GZ -> deflate(data, offset, length);
            case LZ4 -> Math.min(length, lz4.compress(data, offset, length, output(lz4.maxCompressedLength(length)), 0));
            case ZSTD -> Math.min(length, zstd(data, offset, length));
            case BROTLI -> throw new IllegalStateException("brotli refused in the constructor");
        };
        return v3 ? Math.min(compressed, length) : compressed;
    }

    private long deflate(byte[] data, int offset, int length) {
        deflater.reset();
        deflater.setInput(data, offset, length);
        deflater.finish();
        byte[] buffer = output(length + (length >> 3) + 64);
        long total = 0;
        while (!deflater.finished()) {
            total += deflater.deflate(buffer);
        }
        return total;
    }

    private long zstd(byte[] data, int offset, int length) {
        byte[] buffer = output((int) com.github.luben.zstd.Zstd.compressBound(length));
        return zstd.compressByteArray(buffer, 0, buffer.length, data, offset, length);
    }

    private byte[] output(int bound) {
        if (out.length < bound) {
            out = new byte[bound];
        }
        return out;
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (zstd != null) {
            zstd.close();
        }
    }
}
