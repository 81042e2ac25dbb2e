package dev.cowscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        csv(table, sortedByOld, (bytes, n) -> out.write(new String(bytes, 0, n, StandardCharsets.ISO_8859_1)), progress);
        out.flush();
    }

    /**
     * The same CSV as bytes straight to {@code out} (ASCII, the same in every charset the JVM runs with): no
     * encoder between the digits and the file, which at 16.7 M rows cost more than formatting them.
     */
    public static void csv(ExceptionTable table, boolean sortedByOld, OutputStream out, Progress progress) throws IOException {
        csv(table, sortedByOld, (bytes, n) -> out.write(bytes, 0, n), progress);
        out.flush();
    }

    /** Where formatted rows go, a buffer at a time. */
    private interface AsciiSink {
        void write(byte[] bytes, int n) throws IOException;
    }

    private static void csv(ExceptionTable table, boolean sortedByOld, AsciiSink out, Progress progress) throws IOException {
        int[] order = sortedByOld ? table.sortedByOld() : null;
        long[] sortedOld = sortedByOld ? table.sortedOldChunks() : null;
        progress.begin("Writing exceptions", table.size());
        // rows are formatted straight into one buffer: 16.7 M rows with a String per number spent
        // seconds in allocation, where the bytes alone take a fraction of one
        byte[] buffer = new byte[1 << 18];
        int at = 0;
        for (int k = 0; k < CSV_HEADER.length(); k++) {
            buffer[at++] = (byte) CSV_HEADER.charAt(k);
        }
        buffer[at++] = '\n';
        for (int k = 0; k < table.size(); k++) {
            int i = order == null ? k : order[k];
            if (at > buffer.length - 4 * 21) {
                out.write(buffer, at);
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
        out.write(buffer, at);
    }

    /** Writes {@code value} as an unsigned decimal at {@code at}; returns the position after it. */
    static int digits(byte[] buffer, int at, long value) {
        if (value < 0) { // past Long.MAX_VALUE: on-disk chunk numbers are unsigned (rare, garbage)
            byte[] text = Long.toUnsignedString(value).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(text, 0, buffer, at, text.length);
            return at + text.length;
        }
        int end = at + length(value);
        int p = end;
        long v = value;
        while (v > Integer.MAX_VALUE) { // one long division per digit, only for the high digits
            long q = v / 10;
            buffer[--p] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        int w = (int) v; // int divisions by constants compile to a multiply and a shift
        while (w >= 100) { // two digits a step
            int q = w / 100;
            int r = w - q * 100;
            buffer[--p] = (byte) ('0' + r % 10);
            buffer[--p] = (byte) ('0' + r / 10);
            w = q;
        }
        if (w >= 10) {
            buffer[--p] = (byte) ('0' + w % 10);
            w /= 10;
        }
        buffer[--p] = (byte) ('0' + w);
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
