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
        long[] sortedOld = sortedByOld ? table.sortedOldChunks() : null;
        progress.begin("Writing exceptions", table.size());
        // rows are formatted straight into one buffer: 16.7 M rows with a String per number spent
        // seconds in allocation, where the bytes alone take a fraction of one
        char[] buffer = new char[1 << 16];
        int at = 0;
        for (int k = 0; k < table.size(); k++) {
            int i = order == null ? k : order[k];
            if (at > buffer.length - 4 * 21) {
                out.write(buffer, 0, at);
                at = 0;
            }
            at = digits(buffer, at, table.areaOf(i));
            buffer[at++] = ',';
            at = digits(buffer, at, table.slotOf(i));
            buffer[at++] = ',';
            at = digits(buffer, at, order == null ? table.oldChunk(i) : sortedOld[k]);
            buffer[at++] = ',';
            at = digits(buffer, at, table.newChunk(i));
            buffer[at++] = '\n';
            if ((k & 0xffff) == 0) {
                progress.checkCancelled();
                progress.worked(Math.min(0x10000, table.size() - k));
            }
        }
        out.write(buffer, 0, at);
        out.flush();
    }

    /** Writes {@code value} as an unsigned decimal at {@code at}; returns the position after it. */
    static int digits(char[] buffer, int at, long value) {
        if (value < 0) { // past Long.MAX_VALUE: on-disk chunk numbers are unsigned (rare, garbage)
            String text = Long.toUnsignedString(value);
            text.getChars(0, text.length(), buffer, at);
            return at + text.length();
        }
        int end = at + length(value);
        int p = end;
        long v = value;
        while (v > Integer.MAX_VALUE) { // one long division per digit, only for the high digits
            long q = v / 10;
            buffer[--p] = (char) ('0' + (v - q * 10));
            v = q;
        }
        int w = (int) v; // int divisions by constants compile to a multiply and a shift
        while (w >= 100) { // two digits a step
            int q = w / 100;
            int r = w - q * 100;
            buffer[--p] = (char) ('0' + r % 10);
            buffer[--p] = (char) ('0' + r / 10);
            w = q;
        }
        if (w >= 10) {
            buffer[--p] = (char) ('0' + w % 10);
            w /= 10;
        }
        buffer[--p] = (char) ('0' + w);
        return end;
    }

    private static int length(long value) {
        int length = 1;
        for (long bound = 10; length < 19 && value >= bound; bound *= 10) {
            length++;
        }
        return length;
    }

    public static void json(ExceptionTable table, boolean sortedByOld, Writer out, Progress progress) throws IOException {
        int[] order = sortedByOld ? table.sortedByOld() : null;
        long[] sortedOld = sortedByOld ? table.sortedOldChunks() : null;
        progress.begin("Writing exceptions", table.size());
        try (JsonGenerator g = ReportJson.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartArray();
            for (int k = 0; k < table.size(); k++) {
                int i = order == null ? k : order[k];
                g.writeStartObject();
                g.writeNumberField("area", table.areaOf(i));
                g.writeNumberField("index", table.slotOf(i));
                writeUnsigned(g, "oldChunk", order == null ? table.oldChunk(i) : sortedOld[k]);
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
