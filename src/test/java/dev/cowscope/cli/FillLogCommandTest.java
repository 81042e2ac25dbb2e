package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fill-log} on status logs the kernel printed: the JSON shape, the text, the exit codes. */
class FillLogCommandTest {
    static final Path TRACES = Path.of("src/test/resources/fill-traces");

    @Test
    void jsonHasTheContractedShapeWithTimesInTheLogsSeconds() throws IOException {
        Path log = TRACES.resolve("h2-steady-PO/fill-status.log");
        CliRun run = CliRun.of("fill-log", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS); // it overflowed
        JsonNode j = new ObjectMapper().readTree(run.out());
        List<String> lines = Files.readAllLines(log);
        assertThat(j.get("samples").asInt()).isEqualTo(lines.size());
        assertThat(j.get("firstAt").decimalValue().toPlainString()).isEqualTo(lines.get(0).split(" ")[0]);
        assertThat(j.get("lastAt").decimalValue().toPlainString()).isEqualTo(lines.get(lines.size() - 1).split(" ")[0]);
        String firstOverflow = lines.stream().filter(l -> l.endsWith("Overflow")).findFirst().orElseThrow().split(" ")[0];
        assertThat(j.get("becameOverflowAt").decimalValue().toPlainString()).isEqualTo(firstOverflow);
        assertThat(j.get("becameInvalidAt").isNull()).isTrue();
        assertThat(j.get("thresholds")).hasSize(5);
        assertThat(j.get("thresholds").get(1).get("percent").asInt()).isEqualTo(80);
        assertThat(j.get("thresholds").get(1).get("at").isNumber()).isTrue();
        long valid = lines.stream().filter(l -> l.contains("/")).count();
        assertThat(j.get("predictions")).hasSize((int) valid);
        JsonNode p = j.get("predictions").get((int) valid - 1);
        assertThat(p.fieldNames()).toIterable().contains("at", "percentFull", "sectorsPerSecond", "fullAt");
        assertThat(p.get("fullAt").asDouble()).isGreaterThanOrEqualTo(p.get("at").asDouble());
    }

    @Test
    void textSaysWhenItWasLostAndWhatWasPredicted() {
        CliRun run = CliRun.of("fill-log", TRACES.resolve("h1-steady-P/fill-status.log").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).contains("Became Invalid  43.03", "8 sectors (inferred from the numbers)",
                "at  90 %", "it was lost", "SNAPSHOT_INVALID");
        CliRun never = CliRun.of("fill-log", TRACES.resolve("h7-partial-chunk16/fill-status.log").toString());
        assertThat(never.exitCode()).as(never.err()).isEqualTo(ExitCode.OK);
        assertThat(never.out()).contains("50 % never", "16 sectors");
    }

    @Test
    void damagedLogsAreReportedNotFatal(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("mixed.log");
        Files.writeString(log, "junk\n1.0 0 2048 snapshot 16/2048 16\n\0\0\0\n2.0 origin: 0 2048 snapshot-origin\n"
                + "3.0 0 2048 snapshot 24/2048 16\n");
        CliRun run = CliRun.of("fill-log", log.toString(), "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("2 samples", "Ignored lines   3 of 5", "LOG_LINES_IGNORED");
        Path empty = dir.resolve("empty.log");
        Files.writeString(empty, "");
        assertThat(CliRun.of("fill-log", empty.toString()).out()).contains("nothing to tell");
    }

    @Test
    void badOptionsAreUsageErrorsAndSeveralSnapshotsNeedAName(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("two.log");
        Files.writeString(log, "1 a: 0 8 snapshot 16/2048 16\n1 b: 0 8 snapshot 16/2048 16\n");
        CliRun two = CliRun.of("fill-log", log.toString());
        assertThat(two.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(two.err()).startsWith("cowscope fill-log: ").contains("choose one with --name");
        assertThat(CliRun.of("fill-log", log.toString(), "--name", "a").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(CliRun.of("fill-log", log.toString(), "--thresholds", "80,200").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("fill-log", log.toString(), "--name", "a", "--chunk-size", "7s").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("fill-log", dir.toString()).err()).contains("is a directory");
    }
}
