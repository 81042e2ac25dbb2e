package dev.cowscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.AndroidOpType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Streams the ops of an Android COW in file order (as AOSP's {@code GetOpIter()} yields them), one row per
 * op, no list of rows in memory: CSV, a JSON array, or an aligned text table. The fields are a stable
 * contract: {@code index,type,new_block,source_block,source_offset,data_offset,data_length,blocks,compression}
 * where {@code source_block} is a COPY's source block, {@code source_offset} an XOR's byte offset in the source
 * image, {@code data_offset} where REPLACE, XOR and SEQUENCE data lie in the COW, {@code blocks} how many
 * blocks the op covers ({@code op_buf_size / block_size}, more than 1 for v3 multi-block ops) and
 * {@code compression} the algorithm AOSP's reader decodes the data with (v2: the op's own byte; v3: the
 * header's). Empty (CSV) or absent (JSON) where a field does not apply.
 */
public final class AndroidOpsWriter {
    public static final String CSV_HEADER = "index,type,new_block,source_block,source_offset,data_offset,data_length,blocks,compression";

    private AndroidOpsWriter() {
        throw new AssertionError("no instances");
    }

    public static void csv(AndroidCow cow, Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        AndroidCowOps ops = cow.ops();
        StringBuilder row = new StringBuilder(96);
        for (int i = 0; i < ops.size(); i++) {
            row.setLength(0);
            row.append(i).append(',').append(AndroidOpType.name(ops.type(i))).append(',').append(ops.newBlock(i)).append(',');
            appendIfSet(row, cow.copySourceBlock(i)).append(',');
            appendIfSet(row, cow.xorSourceOffset(i)).append(',');
            appendIfSet(row, ops.dataOffset(i)).append(',');
            row.append(ops.dataLength(i)).append(',').append(cow.blocksCovered(i)).append(',').append(cow.compressionOf(i)).append('\n');
            out.append(row);
        }
        out.flush();
    }

    public static void json(AndroidCow cow, Writer out) throws IOException {
        AndroidCowOps ops = cow.ops();
        try (JsonGenerator g = ReportJson.streamTo(out)) {
            g.writeStartArray();
            for (int i = 0; i < ops.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("index", i);
                g.writeStringField("type", AndroidOpType.name(ops.type(i)));
                g.writeNumberField("newBlock", ops.newBlock(i));
                writeIfSet(g, "sourceBlock", cow.copySourceBlock(i));
                writeIfSet(g, "sourceOffset", cow.xorSourceOffset(i));
                writeIfSet(g, "dataOffset", ops.dataOffset(i));
                g.writeNumberField("dataLength", ops.dataLength(i));
                g.writeNumberField("blocks", cow.blocksCovered(i));
                g.writeStringField("compression", cow.compressionOf(i));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.write('\n');
        out.flush();
    }

    /** The ops as an aligned table (the column names as in the CSV). */
    public static void text(AndroidCow cow, PrintWriter out) {
        AndroidCowOps ops = cow.ops();
        StringBuilder line = new StringBuilder(128);
        row(line, "index", "type", "new_block", "source_block", "source_offset", "data_offset", "data_length", "blocks", "compression");
        out.append(line);
        for (int i = 0; i < ops.size(); i++) {
            row(line, Integer.toString(i), AndroidOpType.name(ops.type(i)), Long.toString(ops.newBlock(i)), orDash(cow.copySourceBlock(i)),
                    orDash(cow.xorSourceOffset(i)), orDash(ops.dataOffset(i)), Long.toString(ops.dataLength(i)),
                    Long.toString(cow.blocksCovered(i)), cow.compressionOf(i));
            out.append(line);
        }
        out.flush();
    }

    private static void row(StringBuilder line, String index, String type, String newBlock, String sourceBlock, String sourceOffset,
                            String dataOffset, String dataLength, String blocks, String compression) {
        line.setLength(0);
        FixedColumns.pad(line, index, 9, true).append("  ");
        FixedColumns.pad(line, type, 8, false).append("  ");
        FixedColumns.pad(line, newBlock, 10, true).append("  ");
        FixedColumns.pad(line, sourceBlock, 12, true).append("  ");
        FixedColumns.pad(line, sourceOffset, 12, true).append("  ");
        FixedColumns.pad(line, dataOffset, 12, true).append("  ");
        FixedColumns.pad(line, dataLength, 11, true).append("  ");
        FixedColumns.pad(line, blocks, 6, true).append("  ");
        line.append(compression).append('\n');
    }

    private static StringBuilder appendIfSet(StringBuilder row, long value) {
        return value < 0 ? row : row.append(value);
    }

    private static void writeIfSet(JsonGenerator g, String name, long value) throws IOException {
        if (value >= 0) {
            g.writeNumberField(name, value);
        }
    }

    private static String orDash(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }
}
