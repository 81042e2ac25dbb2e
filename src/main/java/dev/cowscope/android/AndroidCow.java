package dev.cowscope.android;

import dev.cowscope.format.Finding;
import dev.cowscope.format.SourceKind;
import java.util.List;
import java.util.OptionalLong;

/**
 * An Android COW file as AOSP's {@code CowReader::Parse} reads it (header, parser, translation; not the
 * merge preparation), plus our findings.
 *
 * @param rawHeader      the header as {@code ReadCowHeader} returns it
 * @param header         the header after the parse (v1: {@code buffer_size} 0; v2: {@code compression_algorithm}
 *                       derived from the ops), equal to {@code rawHeader} when the parse failed early
 * @param label          the label parsed up to, empty for a full parse
 * @param parseOk        whether AOSP's parse succeeds
 * @param error          AOSP's reason when it does not (its log line), else null
 * @param footer         the v2 footer, null when absent (and always in v3)
 * @param lastLabel      the last v2 label op read (AOSP's {@code GetLastLabel}); empty in v3
 * @param resumePoints   v3 resume slots as stored: {@code min(resume_point_count, resume_point_max)} of them
 *                       (capped at {@link AndroidCowParser#MAX_LISTED_RESUME_POINTS})
 * @param opAreaOffset   where the ops start (after header and scratch; v3: after sequence and resume areas)
 * @param dataAreaOffset v3 {@code GetDataOffset}, -1 for v2
 * @param ops            the ops read (all of them when the parse succeeds; those read before it failed otherwise)
 */
public record AndroidCow(String name, SourceKind kind, long sizeBytes, AndroidCowHeader rawHeader,
                         AndroidCowHeader header, OptionalLong label, boolean parseOk, String error,
                         AndroidCowFooter footer, OptionalLong lastLabel, List<ResumePoint> resumePoints,
                         long opAreaOffset, long dataAreaOffset, AndroidCowOps ops, List<Finding> findings) {

    public int version() {
        return rawHeader.majorVersion();
    }

    /** {@code android-cow-v2} (v1 too, read by the v2 parser) or {@code android-cow-v3}. */
    public String formatName() {
        return version() >= 3 ? "android-cow-v3" : "android-cow-v2";
    }

    /** Ops per report name ({@code COPY} … {@code FOOTER}, the footer counting 1 when present), in a fixed order. */
    public java.util.Map<String, Long> opCounts() {
        long[] byType = ops.countsByType();
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("COPY", byType[AndroidOpType.COPY]);
        m.put("REPLACE", byType[AndroidOpType.REPLACE]);
        m.put("ZERO", byType[AndroidOpType.ZERO]);
        m.put("XOR", byType[AndroidOpType.XOR]);
        m.put("LABEL", byType[AndroidOpType.LABEL]);
        m.put("CLUSTER", byType[AndroidOpType.CLUSTER]);
        m.put("SEQUENCE", byType[AndroidOpType.SEQUENCE]);
        m.put("FOOTER", footer == null ? 0L : 1L);
        long unknown = 0;
        for (int t = 0; t < 16; t++) {
            if (!AndroidOpType.isKnown(t)) {
                unknown += byType[t];
            }
        }
        if (unknown > 0) {
            m.put("UNKNOWN", unknown);
        }
        return m;
    }

    /** Stored data bytes of the data ops (REPLACE, XOR, SEQUENCE). */
    public long dataBytes() {
        long total = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (AndroidOpType.hasData(ops.type(i))) {
                total += ops.dataLength(i);
            }
        }
        return total;
    }

    /** A COPY's source block, -1 for other ops. */
    public long copySourceBlock(int i) {
        return ops.type(i) == AndroidOpType.COPY ? ops.source(i) : -1;
    }

    /** An XOR's byte offset in the source image, -1 for other ops. */
    public long xorSourceOffset(int i) {
        return ops.type(i) == AndroidOpType.XOR ? ops.source(i) : -1;
    }

    /**
     * Target blocks the op covers: a REPLACE {@code op_buf_size / block_size} (v3 multi-block), every other block
     * op one (AOSP reads one block for them whatever the bits say), 0 for ops that write none.
     */
    public long blocksCovered(int i) {
        return TargetBlocks.blocksCovered(ops, i);
    }

    /** The algorithm AOSP's reader decodes the op's data with (v2: the op's own byte; v3: the header's), "" without data. */
    public String compressionOf(int i) {
        if (!AndroidOpType.hasData(ops.type(i))) {
            return "";
        }
        return AndroidOpType.compressionName(version() >= 3 ? header.compressionAlgorithm() : ops.v2Compression(i));
    }

    /**
     * True for REPLACE and XOR data stored as it is under a compressing algorithm: the writers keep a block that
     * does not compress ({@code data_length == op_buf_size}; v3 for every algorithm, v2 for lz4 and zstd) and the
     * reader then skips decompression.
     */
    public boolean keptRaw(int i) {
        int type = ops.type(i);
        return (type == AndroidOpType.REPLACE || type == AndroidOpType.XOR) && !"none".equals(compressionOf(i))
                && ops.dataLength(i) == ops.opBufSize(i, header.blockSize());
    }
}
