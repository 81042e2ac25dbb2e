package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fill model against status logs the real kernel printed (QEMU, Debian 6.1, {@code dmsetup status}
 * every 100 ms while writes fill a COW: the oracle's {@code fill_trace} scenarios, recorded for this
 * project; see each trace's {@code trace.json}). The expectations are read from the log by plain scans
 * here, not by the model.
 */
class FillTraceTest {
    static final Path TRACES = Path.of("src/test/resources/fill-traces");
    /**
     * The loss is seen at the next 100 ms poll after the write that causes it, and the writers here
     * write one chunk every 150 ms (or 16 chunks every 600 ms): near the end no estimate can be
     * closer than that, so a prediction counts as right within 10 % or this, whichever is more.
     */
    static final double QUANTUM_SECONDS = Double.parseDouble(System.getProperty("fill.quantum", "0.5"));

    static Stream<Path> traces() throws IOException {
        try (Stream<Path> s = Files.list(TRACES)) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    record Line(long micros, SnapshotStatus status) {
    }

    static List<Line> lines(Path trace) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String l : Files.readAllLines(trace.resolve("fill-status.log"))) {
            String[] p = l.split(" ", 2);
            out.add(new Line(Math.round(Double.parseDouble(p[0]) * 1e6), StatusLog.statusOf(p[1]).status()));
        }
        return out;
    }

    static JsonNode meta(Path trace) throws IOException {
        return new ObjectMapper().readTree(trace.resolve("trace.json").toFile());
    }

    static FillReport report(Path trace) throws IOException {
        StatusLog log = StatusLog.read(trace.resolve("fill-status.log"), null, Progress.NONE);
        return FillReport.of(log, 0, FillThresholds.DMEVENTD);
    }

    @ParameterizedTest
    @MethodSource("traces")
    void everySampleIsReadAndTheChunkSizeIsTheTables(Path trace) throws IOException {
        FillReport r = report(trace);
        assertThat(r.log().series().size()).isEqualTo(lines(trace).size());
        assertThat(r.log().ignoredTotal()).isZero();
        String table = meta(trace).get("table").asText();
        long tableChunk = Long.parseLong(table.substring(table.lastIndexOf(' ') + 1).strip());
        assertThat(r.chunkSize().sectors()).isEqualTo(tableChunk);
        assertThat(r.chunkSize().source()).isEqualTo(FillReport.ChunkSize.Source.INFERRED);
    }

    @ParameterizedTest
    @MethodSource("traces")
    void lossAndThresholdTimesAreTheFirstSuchSamples(Path trace) throws IOException {
        FillReport r = report(trace);
        List<Line> lines = lines(trace);
        long invalid = lines.stream().filter(l -> l.status().state() == SnapshotStatus.State.INVALID)
                .mapToLong(Line::micros).findFirst().orElse(FillPoint.NEVER);
        long overflow = lines.stream().filter(l -> l.status().state() == SnapshotStatus.State.OVERFLOW)
                .mapToLong(Line::micros).findFirst().orElse(FillPoint.NEVER);
        assertThat(r.summary().becameInvalidAt()).isEqualTo(invalid);
        assertThat(r.summary().becameOverflowAt()).isEqualTo(overflow);
        JsonNode first = meta(trace).get("first_non_valid_sample");
        if (!first.isNull()) {
            long at = Math.round(first.get("uptime").asDouble() * 1e6);
            assertThat(Math.max(invalid, overflow)).isEqualTo(at);
        }
        for (int i = 0; i < r.thresholds().count(); i++) {
            int p = r.thresholds().percent(i);
            long expected = lines.stream().filter(l -> l.status().isActive()
                            && l.status().sectorsAllocated() * 100.0 >= p * (double) l.status().totalSectors())
                    .mapToLong(Line::micros).findFirst().orElse(FillPoint.NEVER);
            assertThat(r.summary().thresholdAt(i)).as("%d %%", p).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("traces")
    void predictionsMeetTheirTolerances(Path trace) throws IOException {
        FillReport r = report(trace);
        long lostAt = Math.max(r.summary().becameInvalidAt(), r.summary().becameOverflowAt());
        String kind = meta(trace).get("kind").asText();
        boolean steady = kind.startsWith("steady") || kind.equals("origin+rewrites");
        List<String> misses = new ArrayList<>();
        int[] checked = {0};
        r.forEachPoint(p -> {
            if (!p.status().isActive() || p.merging()) {
                return;
            }
            double pct = p.status().percentFull();
            if (lostAt == FillPoint.NEVER) {
                if (p.predictsLoss() && p.fullAtMicros() < p.micros()) {
                    misses.add("fullAt in the past at " + LogTime.text(p.micros()));
                }
                return;
            }
            if (pct >= 90 || steady && pct >= 50) {
                checked[0]++;
                double actual = (lostAt - p.micros()) / 1e6;
                double predicted = p.secondsLeft();
                if (Double.isNaN(predicted) || Math.abs(predicted - actual) > Math.max(0.10 * actual, QUANTUM_SECONDS)) {
                    misses.add(String.format(Locale.ROOT, "at %s (%.2f %%): predicted %.2f s, actual %.2f s",
                            LogTime.text(p.micros()), pct, predicted, actual));
                }
            }
        });
        System.out.printf(Locale.ROOT, "%s: %d checked, %d misses %s%n", trace.getFileName(), checked[0], misses.size(),
                misses.stream().limit(8).toList());
        assertThat(misses).isEmpty();
    }
}
