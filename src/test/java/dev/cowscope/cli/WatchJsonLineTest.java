package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.Progress;
import dev.cowscope.format.StatusLine;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillSeries;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.FillTracker;
import dev.cowscope.monitor.StatusLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * watch's JSON lines, written again from the samples it recorded against the real kernel
 * ({@code src/test/resources/live-watch}, see {@code .ci/live-watch}): the same values as the lines it
 * printed there (the fields since shared with {@code fill-log --json}'s predictions, plus {@code merging}). The record keeps milliseconds, and the rate was measured on microseconds, so
 * the rate and the predicted moment may differ a little (5 %).
 */
class WatchJsonLineTest {
    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/live-watch", "src/test/resources/live-watch/po"})
    void linesFromTheRecordAreTheLinesWatchPrinted(String dir) throws IOException {
        FillSeries s = StatusLog.read(Path.of(dir, "watch.log"), null, Progress.NONE).series();
        List<String> printed = Files.readAllLines(Path.of(dir, "watch.jsonl"));
        assertThat(printed).hasSize(s.size());
        FillTracker tracker = new FillTracker(8, FillThresholds.DMEVENTD);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < s.size(); i++) {
            FillPoint p = tracker.add(s.micros(i), s.status(i), s.merging(i));
            String line = WatchCommand.jsonLine(new StatusLine("snap", 0, 65536, StatusLine.SNAPSHOT, s.status(i)), p);
            assertThat(line).doesNotContain("\n");
            JsonNode now = json.readTree(line);
            JsonNode then = json.readTree(printed.get(i));
            // the line now carries the fill-log prediction's fields (one writer for both), "merging" added
            assertThat(fields(now)).as("line %d", i).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.Stream.concat(fields(then).stream(), java.util.stream.Stream.of("merging")).toList());
            for (String f : List.of("at", "name", "status", "target", "percentFull", "remainingChunks")) {
                assertThat(now.get(f)).as("line %d %s", i, f).isEqualTo(then.get(f));
            }
            for (String f : List.of("sectorsPerSecond", "fullAt")) {
                if (then.get(f).isNull()) {
                    assertThat(now.get(f).isNull()).as("line %d %s", i, f).isTrue();
                } else {
                    // a sample at the edge of the rate window may fall on the other side of it
                    double v = then.get(f).asDouble();
                    double slack = f.equals("fullAt") ? Math.max(1.0, 0.05 * (v - then.get("at").asDouble())) : 0.05 * v;
                    assertThat(now.get(f).asDouble()).as("line %d %s", i, f).isCloseTo(v, within(slack));
                }
            }
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
