package dev.cowscope.report;

import dev.cowscope.android.AndroidCow;
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

    public static Map<String, Object> of(AndroidCow cow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", Map.of("path", cow.name(), "sizeBytes", cow.sizeBytes(), "kind", cow.kind().label()));
        m.put("format", cow.formatName());
        m.put("header", cow.rawHeader().aospFields());
        Map<String, Object> parse = new LinkedHashMap<>();
        parse.put("ok", cow.parseOk());
        if (cow.error() != null) {
            parse.put("error", cow.error());
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
        m.put("findings", cow.findings().stream().map(AndroidInspectReport::finding).toList());
        return m;
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
