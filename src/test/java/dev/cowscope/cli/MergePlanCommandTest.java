package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.CowImageBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12 item 5 on the command line: {@code merge plan} of a table pointing far past the COW. */
class MergePlanCommandTest {
    @Test
    void aNewChunkOfTwoToTheSixtyTwoIsAnUnusableInputNotAnInternalError(@TempDir Path dir) throws Exception {
        Path cow = CowImageBuilder.cow().chunkSizeSectors(8).exception(5).exception(6, 1L << 62).writeTo(dir.resolve("cow.img"));
        CliRun run = CliRun.of("merge", "plan", cow.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("past the end of the COW", "COW chunk 4611686018427387904", "Read error: shutting down merge");
        CliRun json = CliRun.of("merge", "plan", "--json", cow.toString());
        assertThat(json.exitCode()).isEqualTo(ExitCode.UNREADABLE);
    }

    @Test
    void aGoodTableStillPlans(@TempDir Path dir) throws Exception {
        Path cow = CowImageBuilder.cow().chunkSizeSectors(8).exceptions(5, 3).writeTo(dir.resolve("cow.img"));
        CliRun run = CliRun.of("merge", "plan", cow.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("steps");
    }

    /** Item 18: a bad rate or latency names its option. */
    @Test
    void badRatesNameTheirOption(@TempDir Path dir) throws Exception {
        Path cow = CowImageBuilder.cow().chunkSizeSectors(8).exceptions(5, 3).writeTo(dir.resolve("cow.img"));
        CliRun rate = CliRun.of("merge", "plan", "--throughput", "", cow.toString());
        assertThat(rate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(rate.err()).contains("--throughput: empty size (expected bytes per second, e.g. 100M)");
        CliRun latency = CliRun.of("merge", "plan", "--flush-latency", "fast", cow.toString());
        assertThat(latency.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(latency.err()).contains("--flush-latency: not a latency: 'fast'");
    }
}
