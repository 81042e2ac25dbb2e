package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.cli.Cli;
import dev.cowscope.cli.MergeCommand;
import dev.cowscope.testkit.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MergeCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.configure(new CommandLine(new MergeCommand()), new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void helpBadOptionMissingFile() {
        assertThat(run("--help")).isZero();
        assertThat(run("plan", "--help")).isZero();
        assertThat(run("plan", "--no-such-option", "x")).isEqualTo(2);
        assertThat(run("plan", "/no/such/cow.img")).isEqualTo(3);
        assertThat(err.toString()).contains("/no/such/cow.img");
        assertThat(run("plan", "--throughput", "fast", "x")).isEqualTo(2);
        assertThat(run("apply", "--origin", "a", "--cow", "b")).isEqualTo(2);
        assertThat(run("compare", "--changed-chunks", "1", "--trial-writes", "2", "--overlap", "3", "--cow-size", "1M",
                "--chunk-size", "4K", "--store", "P")).isEqualTo(2);
    }

    @Test
    void planTextAndJson() throws Exception {
        Path cow = Fixtures.scenario("f1-merge").resolve("cow-premerge.img.gz");
        Path origin = Fixtures.scenario("f1-merge").resolve("origin-before.img.gz");
        assertThat(run("plan", cow.toString(), "--origin", origin.toString(), "--throughput", "100M", "--flush-latency", "5ms")).isZero();
        assertThat(out.toString()).contains("0 65536 snapshot-merge 4832/8192 32", "600, one copy in flight (600 of one chunk)",
                "0 65536 snapshot-merge 16/8192 16", "why slow");
        out.getBuffer().setLength(0);
        assertThat(run("plan", cow.toString(), "--json", "--steps")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("totals").path("steps").asLong()).isEqualTo(600);
        assertThat(json.path("totals").path("flushes").asLong()).isEqualTo(1200);
        assertThat(json.path("steps")).hasSize(600);
        assertThat(json.path("steps").get(0).path("step").path("originFirstChunk").isNumber()).isTrue();
        assertThat(json.path("finalStatus").asText()).isEqualTo("snapshot-merge 16/8192 16");
        assertThat(json.path("estimate").path("flushSeconds").asDouble()).isEqualTo(6.0);
    }

    @Test
    void applyWritesTheMergedOrigin() {
        Path f1 = Fixtures.scenario("f1-merge");
        Path outFile = temp.resolve("merged.img");
        assertThat(run("apply", "--origin", f1.resolve("origin-before.img.gz").toString(), "--cow",
                f1.resolve("cow-premerge.img.gz").toString(), "-o", outFile.toString())).isZero();
        assertThat(Fixtures.sha256(outFile)).isEqualTo(Fixtures.manifest(f1).path("artifacts").path("origin-after-merge").path("sha256").asText());
        assertThat(run("apply", "--origin", f1.resolve("origin-before.img.gz").toString(), "--cow",
                Fixtures.scenario("e1-overflow-P").resolve("cow-after.img.gz").toString(), "-o", temp.resolve("x").toString())).isEqualTo(3);
    }

    @Test
    void compareTextAndJson() throws Exception {
        assertThat(run("compare", "--changed-chunks", "200", "--trial-writes", "0", "--cow-size", "512K", "--chunk-size", "4K",
                "--store", "PO")).isZero();
        assertThat(out.toString()).contains("Overflow", "Invalid", "after 126 copies");
        out.getBuffer().setLength(0);
        assertThat(run("compare", "--changed-chunks", "600", "--trial-writes", "100", "--overlap", "40", "--cow-size", "64M",
                "--chunk-size", "4K", "--store", "P", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("chunksNeeded").asLong()).isEqualTo(660);
        assertThat(json.path("a").path("mergeChunksOnSuccess").asLong()).isEqualTo(660);
        assertThat(json.path("b").path("mergeChunksOnFailure").asLong()).isEqualTo(660);
    }
}
