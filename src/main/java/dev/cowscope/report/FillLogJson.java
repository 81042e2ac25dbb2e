package dev.cowscope.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.format.Finding;
import dev.cowscope.format.StatusLine;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillReport;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * {@code fill-log --json}: the summary, then one prediction per working sample, written as they are
 * computed (a log of millions of samples never becomes a tree of objects). Times are in the log's own
 * seconds (ISO-8601 logs: seconds since the epoch); a missing moment is {@code null}.
 */
public final class FillLogJson {
    private FillLogJson() {
        throw new AssertionError("no instances");
    }

    public static void write(String file, FillReport r, Writer out) throws IOException {
        StatusLog log = r.log();
        FillTracker t = r.summary();
        try (JsonGenerator g = ReportJson.streamTo(out)) {
            g.writeStartObject();
            g.writeStringField("file", file);
            g.writeStringField("name", log.series().name().isEmpty() ? null : log.series().name());
            g.writeStringField("timeBase", log.base() == LogTime.Base.SECONDS ? "seconds" : "iso-8601 as epoch seconds");
            g.writeNumberField("samples", log.series().size());
            g.writeNumberField("lines", log.lines());
            g.writeObjectFieldStart("ignoredLines");
            for (StatusLog.Ignored why : StatusLog.Ignored.values()) {
                Long n = log.ignored().get(why);
                if (n != null) {
                    g.writeNumberField(why.name(), n);
                }
            }
            g.writeEndObject();
            time(g, "firstAt", t.firstMicros());
            time(g, "lastAt", t.lastMicros());
            g.writeNumberField("chunkSizeSectors", r.chunkSize().sectors());
            g.writeStringField("chunkSizeSource", r.chunkSize().source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            time(g, "becameInvalidAt", t.becameInvalidAt());
            time(g, "becameOverflowAt", t.becameOverflowAt());
            time(g, "mergeFailedAt", t.mergeFailedAt());
            g.writeArrayFieldStart("thresholds");
            for (int i = 0; i < r.thresholds().count(); i++) {
                g.writeStartObject();
                g.writeNumberField("percent", r.thresholds().percent(i));
                time(g, "at", t.thresholdAt(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.last() != null) {
                g.writeFieldName("last");
                point(g, r.last());
            }
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeObject(InspectReport.FindingReport.of(f));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("predictions");
            try {
                r.forEachPoint(p -> {
                    if (p.status().isActive()) {
                        try {
                            point(g, p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /**
     * jackson-core's factory alone for {@code watch}'s lines: they need no data binding, and building the
     * ObjectMapper on the first sample (some 560 classes) held the second sample back by 5-14 s in the
     * oracle VM, where watch met the real kernel.
     */
    private static final class Lines {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    /** {@code watch --json}: one sample as one line, the prediction's fields plus the device's name and target. */
    public static String sampleLine(StatusLine line, FillPoint p) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Lines.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("name", line.name());
            g.writeStringField("target", line.target());
            fields(g, p);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return w.toString();
    }

    /** One sample's prediction: {@code at, percentFull, sectorsPerSecond, fullAt} and more. */
    private static void point(JsonGenerator g, FillPoint p) throws IOException {
        g.writeStartObject();
        fields(g, p);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, FillPoint p) throws IOException {
        time(g, "at", p.micros());
        g.writeStringField("status", p.status().params());
        if (p.status().isActive()) {
            g.writeNumberField("percentFull", p.status().percentFull());
        }
        g.writeBooleanField("merging", p.merging());
        if (Double.isNaN(p.sectorsPerSecond())) {
            g.writeNullField("sectorsPerSecond");
        } else {
            g.writeNumberField("sectorsPerSecond", Math.round(p.sectorsPerSecond() * 100) / 100.0);
        }
        time(g, "fullAt", p.predictsLoss() ? Math.round(p.fullAtMicros() / 1000.0) * 1000 : FillPoint.NEVER);
        if (p.room() != null && p.room().consistent()) {
            g.writeNumberField("remainingChunks", p.room().remainingChunks());
        }
    }

    private static void time(JsonGenerator g, String field, long micros) throws IOException {
        if (micros == FillPoint.NEVER) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, LogTime.seconds(micros));
        }
    }
}
