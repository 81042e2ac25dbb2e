package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12 on {@code size} and {@code merge compare}: hostile values get a clear refusal, never exit 4. */
class SizingOnDamagedInputTest {
    @TempDir
    Path dir;

    /** Item 15: /dev/zero as a ranges file was read until the heap ran out. */
    @Test
    @Timeout(10)
    void rangesFromDevZeroStopAtTheCap() {
        CliRun run = CliRun.of("size", "--ranges", "/dev/zero");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("--ranges: /dev/zero is longer than 128 MiB");
    }

    @Test
    void badRangesContentIsAnUnusableInput() throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), "[{\"offset\": 1e3, \"length\": 18446744073709551616}]");
        CliRun run = CliRun.of("size", "--ranges", json.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("--ranges " + json, "range 1", "expected a whole number of bytes");
        Path broken = Files.writeString(dir.resolve("b.json"), "[{\"offset\": 1,");
        CliRun bad = CliRun.of("size", "--ranges", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(bad.err()).contains("not valid JSON");
    }

    /** Item 21: an old/new pair of different sizes, or an empty image, said "0 changed" and exit 0. */
    @Test
    void anImagePairMustBeTheSameSizeAndNotEmpty() throws Exception {
        Path passwd = Files.write(dir.resolve("passwd"), new byte[1221]);
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);
        CliRun run = CliRun.of("size", "--old", passwd.toString(), "--new", empty.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("new image " + empty + " is empty");
        Path other = Files.write(dir.resolve("other.img"), new byte[4096]);
        CliRun sizes = CliRun.of("size", "--old", passwd.toString(), "--new", other.toString());
        assertThat(sizes.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(sizes.err()).contains("is 1221 bytes but new image", "is 4096 bytes", "must be the same size");
        Path same = Files.write(dir.resolve("same.img"), new byte[1221]);
        assertThat(CliRun.of("size", "--old", passwd.toString(), "--new", same.toString()).exitCode()).isZero();
    }

    /** Item 18: a bad number names its option and what was expected. */
    @Test
    void badValuesNameTheirOption() {
        CliRun round = CliRun.of("size", "--chunk-size", "4K", "--changed-chunks", "10", "--round", "");
        assertThat(round.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(round.err()).contains("--round: empty size (expected a size such as 512, 8s, 4K, 4M)");
        CliRun block = CliRun.of("size", "--chunk-size", "4K", "--changed-chunks", "10", "--cow-block-size", "4Q");
        assertThat(block.err()).contains("--cow-block-size: unknown size unit in '4Q'");
        CliRun chunk = CliRun.of("merge", "compare", "--changed-chunks", "1", "--trial-writes", "1", "--cow-size", "", "--chunk-size",
                "4K", "--store", "P");
        assertThat(chunk.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(chunk.err()).contains("--cow-size: empty size");
        CliRun negative = CliRun.of("size", "--chunk-size", "4K", "--changed-chunks", "-1");
        assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(negative.err()).contains("--changed-chunks: a count cannot be negative: '-1'");
    }

    /** Item 6: counts whose COW cannot be a long overflowed inside StrategyComparison (exit 4). */
    @Test
    void compareRefusesCountsNoCowCanHold() {
        CliRun run = CliRun.of("merge", "compare", "--changed-chunks", "9223372036854775807", "--trial-writes", "1",
                "--cow-size", "64M", "--chunk-size", "4K", "--store", "PO");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("need a COW larger than the largest size (8 EiB)", "--changed-chunks 9223372036854775807");
        CliRun justBelow = CliRun.of("merge", "compare", "--changed-chunks", "9223372036854775807", "--trial-writes", "0",
                "--cow-size", "64M", "--chunk-size", "1G", "--store", "PO");
        assertThat(justBelow.exitCode()).as(justBelow.err()).isNotEqualTo(ExitCode.INTERNAL);
    }

    @Test
    void hugeMarginsAndCountsAreRefusedNotOverflowed() {
        CliRun margin = CliRun.of("size", "--chunk-size", "4K", "--changed-chunks", "10", "--margin", "99999999999%",
                "--origin-size", "8000T");
        assertThat(margin.exitCode()).as(margin.err()).isEqualTo(ExitCode.USAGE);
        assertThat(margin.err()).contains("larger than the largest size (8 EiB)");
        CliRun count = CliRun.of("size", "--chunk-size", "512", "--changed-chunks", "9223372036854775807");
        assertThat(count.exitCode()).as(count.err()).isEqualTo(ExitCode.USAGE);
        assertThat(count.err()).contains("larger than the largest size (8 EiB)");
    }
}
