package dev.cowscope.report;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.android.CompressionFigures;
import dev.cowscope.android.ResumePoint;
import dev.cowscope.format.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code inspect} report of an Android COW: {@code format} ({@code android-cow-v2} / {@code android-cow-v3}),
 * the header under AOSP's field names, {@code opCounts} by type, stored against decoded bytes per algorithm
 * ({@code compressionFigures}) and the findings. Field names are a stable
 * contract (fields are only added).
 */
public final class AndroidInspectReport {
    private AndroidInspectReport() {
    }

    /** The report of a parse alone (no merge preparation: a parse at a label, or one AOSP refused). */
    public static Map<String, Object> of(AndroidCow cow) {
        return of(cow, null);
    }

    /**
     * The report of {@code cow} as AOSP's {@code CowReader::Parse} reads it: {@code merge} is its merge preparation
     * (DEFAULT reader), which can fail where the parser alone succeeds; null to report the parse alone.
     */
    public static Map<String, Object> of(AndroidCow cow, AndroidMergePlan merge) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", Map.of("path", cow.name(), "sizeBytes", cow.sizeBytes(), "kind", cow.kind().label()));
        m.put("format", cow.formatName());
        m.put("header", cow.rawHeader().aospFields());
        Map<String, Object> parse = new LinkedHashMap<>();
        boolean ok = merge == null ? cow.parseOk() : merge.readerParseOk();
        String error = merge == null ? cow.error() : merge.error();
        parse.put("ok", ok);
        if (error != null) {
            parse.put("error", error);
        }
        parse.put("compression", AndroidOpType.compressionName(cow.header().compressionAlgorithm()));
        parse.put("opAreaOffset", cow.opAreaOffset());
        if (cow.dataAreaOffset() >= 0) {
            parse.put("dataAreaOffset", cow.dataAreaOffset());
        }
        m.put("parse", parse);
        if (cow.footer() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", cow.footer().type());
            f.put("compression", cow.footer().compression());
            f.put("data_length", cow.footer().dataLength());
            f.put("ops_size", cow.footer().opsSize());
            f.put("num_ops", cow.footer().numOps());
            m.put("footer", f);
        }
        cow.lastLabel().ifPresent(l -> m.put("lastLabel", l));
        if (cow.version() >= 3) {
            List<Map<String, Object>> points = cow.resumePoints().stream().map(AndroidInspectReport::point).toList();
            m.put("resumePoints", points);
        }
        m.put("ops", cow.ops().size());
        m.put("opCounts", cow.opCounts());
        m.put("dataBytes", cow.dataBytes());
        m.put("compressionFigures", CompressionFigures.of(cow).stream().map(AndroidInspectReport::figures).toList());
        if (merge != null && merge.readerParseOk()) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("order", merge.kind().name());
            order.put("num_total_data_ops", merge.numTotalDataOps());
            order.put("num_ordered_ops_to_merge", merge.numOrderedOpsToMerge());
            order.put("verifyMergeOps", merge.verifyOk());
            if (merge.verifyError() != null) {
                order.put("verifyError", merge.verifyError());
            }
            m.put("merge", order);
        }
        m.put("findings", findings(cow, merge).stream().map(AndroidInspectReport::finding).toList());
        return m;
    }

    /** The parse's findings, then the merge preparation's (none when {@code merge} is null). */
    public static List<Finding> findings(AndroidCow cow, AndroidMergePlan merge) {
        return merge == null ? cow.findings() : merge.findingsAfter(cow);
    }

    private static Map<String, Object> figures(CompressionFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", f.algorithm());
        m.put("ops", f.ops());
        m.put("rawOps", f.rawOps());
        m.put("storedBytes", f.storedBytes());
        m.put("decodedBytes", f.decodedBytes());
        return m;
    }

    private static Map<String, Object> point(ResumePoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slot", p.slot());
        m.put("label", Long.toUnsignedString(p.label()));
        m.put("op_index", Long.toUnsignedString(p.opIndex()));
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().name());
        m.put("kind", f.kind().name());
        m.put("location", f.location().toString());
        m.put("message", f.message());
        return m;
    }
}
