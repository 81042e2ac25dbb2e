package dev.cowscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.io.Writer;

/**
 * Streams every mapping, one row per exception (no list of rows in memory): CSV
 * {@code area,index,old_chunk,new_chunk} or a JSON array of the same fields; in disk order or
 * sorted by old chunk (entries remapping the same old chunk stay in disk order).
 */
public final class ExceptionsWriter {
    public static final String CSV_HEADER = "area,index,old_chunk,new_chunk";

    private ExceptionsWriter() {
        throw new AssertionError("no instances");
    }

    public static void csv(ExceptionTable table, boolean sortedByOld, Writer out, Progress progress) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        int[] order = sortedByOld ? table.sortedByOld() : null;
        progress.begin("Writing exceptions", table.size());
        StringBuilder line = new StringBuilder(64);
        for (int k = 0; k < table.size(); k++) {
            int i = order == null ? k : order[k];
            line.setLength(0);
            line.append(table.areaOf(i)).append(',').append(table.slotOf(i)).append(',')
                    .append(Long.toUnsignedString(table.oldChunk(i))).append(',')
                    .append(Long.toUnsignedString(table.newChunk(i))).append('\n');
            out.append(line);
            if ((k & 0xffff) == 0) {
                progress.checkCancelled();
                progress.worked(Math.min(0x10000, table.size() - k));
            }
        }
        out.flush();
    }

    public static void json(ExceptionTable table, boolean sortedByOld, Writer out, Progress progress) throws IOException {
        int[] order = sortedByOld ? table.sortedByOld() : null;
        progress.begin("Writing exceptions", table.size());
        try (JsonGenerator g = ReportJson.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (int k = 0; k < table.size(); k++) {
                int i = order == null ? k : order[k];
                g.writeStartObject();
                g.writeNumberField("area", table.areaOf(i));
                g.writeNumberField("index", table.slotOf(i));
                writeUnsigned(g, "oldChunk", table.oldChunk(i));
                writeUnsigned(g, "newChunk", table.newChunk(i));
                g.writeEndObject();
                if ((k & 0xffff) == 0) {
                    progress.checkCancelled();
                }
            }
            g.writeEndArray();
        }
        out.write('\n');
        out.flush();
    }

    /** Chunk numbers are unsigned 64-bit on disk; values past Long.MAX_VALUE stay exact. */
    private static void writeUnsigned(JsonGenerator g, String field, long value) throws IOException {
        g.writeFieldName(field);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(value)));
        }
    }
}
