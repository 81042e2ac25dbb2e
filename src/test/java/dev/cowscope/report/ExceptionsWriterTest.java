package dev.cowscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Progress;
import java.io.StringWriter;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The buffered CSV writer prints what one formatted string per number printed, byte for byte. */
class ExceptionsWriterTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sameBytesAsTheStringPerNumberWriter(boolean sorted) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        ExceptionTable.Builder builder = new ExceptionTable.Builder(new AreaLayout(8));
        long[] edges = {1, 9, 10, 99, 100, 999_999_999_999L, Long.MAX_VALUE, -1L, Long.MIN_VALUE, 1L << 40};
        for (int i = 0; i < 70_000; i++) { // several 64 KiB buffers, and several areas of 256
            long old = i < edges.length ? edges[i] : random.nextLong(1L << 30);
            long neu = i < edges.length ? edges[edges.length - 1 - i] : 2 + random.nextLong(1L << 40);
            builder.add(old, neu);
        }
        ExceptionTable table = builder.build();
        StringWriter fast = new StringWriter();
        ExceptionsWriter.csv(table, sorted, fast, Progress.NONE);
        assertThat(fast.toString()).isEqualTo(reference(table, sorted));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ExceptionsWriter.csv(table, sorted, bytes, Progress.NONE);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(reference(table, sorted));
    }

    @Test
    void sortedJsonListsTheOldChunksInOrder() throws Exception {
        ExceptionTable.Builder builder = new ExceptionTable.Builder(new AreaLayout(8));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            builder.add(random.nextLong(1L << 20), 2 + i + i / 256);
        }
        ExceptionTable table = builder.build();
        StringWriter json = new StringWriter();
        ExceptionsWriter.json(table, true, json, Progress.NONE);
        JsonNode rows = new ObjectMapper().readTree(json.toString());
        int[] order = table.sortedByOld();
        for (int k = 0; k < table.size(); k++) {
            assertThat(rows.get(k).get("oldChunk").asLong()).isEqualTo(table.oldChunk(order[k]));
            assertThat(rows.get(k).get("index").asLong()).isEqualTo(table.slotOf(order[k]));
        }
    }

    @Property(tries = 2000)
    void digitsOfAnyLong(@ForAll long value) {
        byte[] buffer = new byte[30];
        int end = ExceptionsWriter.digits(buffer, 3, value);
        assertThat(new String(buffer, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Long.toUnsignedString(value));
    }

    private static String reference(ExceptionTable table, boolean sorted) {
        StringBuilder s = new StringBuilder(ExceptionsWriter.CSV_HEADER).append('\n');
        int[] order = sorted ? table.sortedByOld() : null;
        for (int k = 0; k < table.size(); k++) {
            int i = order == null ? k : order[k];
            s.append(table.areaOf(i)).append(',').append(table.slotOf(i)).append(',')
                    .append(Long.toUnsignedString(table.oldChunk(i))).append(',')
                    .append(Long.toUnsignedString(table.newChunk(i))).append('\n');
        }
        return s.toString();
    }
}
