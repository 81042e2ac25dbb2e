package dev.cowscope.android;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Android COW header ({@code CowHeaderV3} of AOSP's {@code cow_format.h}, which starts with the v1/v2
 * {@code CowHeader}), read as AOSP's {@code ReadCowHeader} reads it: {@code header_size} bytes over a zeroed
 * struct, so the fields a shorter (v1, v2) header lacks read 0. Unsigned fields are kept in wider Java types
 * (u16 and u32 as int and long, u64 as a long read unsigned).
 */
public record AndroidCowHeader(long magic, int majorVersion, int minorVersion, int headerSize, int footerSize,
                               int opSize, long blockSize, long clusterOps, long numMergeOps, long bufferSize,
                               long sequenceDataCount, long resumePointCount, long resumePointMax, long opCount,
                               long opCountMax, long compressionAlgorithm, long maxCompressionSize) {

    /** {@code kCowMagicNumber}: the bytes {@code "!!WOcwoC"} on disk. */
    public static final long MAGIC = dev.cowscope.format.DiskHeader.ANDROID_COW_MAGIC;
    /** {@code sizeof(CowHeaderPrefix)}. */
    public static final int PREFIX_BYTES = 14;
    /** {@code sizeof(CowHeader)} (v2). */
    public static final int V2_BYTES = 38;
    /** {@code sizeof(CowHeaderV3)}: the largest header AOSP reads. */
    public static final int V3_BYTES = 78;

    /** Decodes {@code bytes} (the header's first {@code header_size} bytes, zero beyond) as AOSP's packed struct. */
    static AndroidCowHeader decode(byte[] v3Bytes) {
        ByteBuffer b = ByteBuffer.wrap(v3Bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new AndroidCowHeader(b.getLong(0), u16(b, 8), u16(b, 10), u16(b, 12), u16(b, 14), u16(b, 16),
                u32(b, 18), u32(b, 22), b.getLong(26), u32(b, 34), b.getLong(38), u32(b, 46), u32(b, 50),
                b.getLong(54), b.getLong(62), u32(b, 70), u32(b, 74));
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }

    /** The same header with another {@code buffer_size} and {@code compression_algorithm} (what AOSP's parser changes). */
    AndroidCowHeader withParsed(long newBufferSize, long newCompression) {
        return new AndroidCowHeader(magic, majorVersion, minorVersion, headerSize, footerSize, opSize, blockSize,
                clusterOps, numMergeOps, newBufferSize, sequenceDataCount, resumePointCount, resumePointMax, opCount,
                opCountMax, newCompression, maxCompressionSize);
    }

    /** {@code "0x436f77634f572121"}, as AOSP's tools print the magic. */
    public String magicHex() {
        return "0x" + String.format("%016x", magic);
    }

    /**
     * The fields under AOSP's names, in the struct's order; u64 values as unsigned decimal (a
     * {@link java.math.BigInteger} when past 2^63). The v3 fields are left out for a v1/v2 header.
     */
    public Map<String, Object> aospFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("magic", magicHex());
        m.put("major_version", majorVersion);
        m.put("minor_version", minorVersion);
        m.put("header_size", headerSize);
        m.put("footer_size", footerSize);
        m.put("op_size", opSize);
        m.put("block_size", blockSize);
        m.put("cluster_ops", clusterOps);
        m.put("num_merge_ops", u64(numMergeOps));
        m.put("buffer_size", bufferSize);
        if (majorVersion >= 3) {
            m.put("sequence_data_count", u64(sequenceDataCount));
            m.put("resume_point_count", resumePointCount);
            m.put("resume_point_max", resumePointMax);
            m.put("op_count", u64(opCount));
            m.put("op_count_max", u64(opCountMax));
        }
        m.put("compression_algorithm", compressionAlgorithm);
        if (majorVersion >= 3) {
            m.put("max_compression_size", maxCompressionSize);
        }
        return m;
    }

    static Object u64(long v) {
        return v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v));
    }
}
