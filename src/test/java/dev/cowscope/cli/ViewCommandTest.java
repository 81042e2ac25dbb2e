package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12 items 16 and 20 on the command line: the wrong origin and outputs that are not files. */
class ViewCommandTest {
    @TempDir
    Path dir;

    private String[] args(Path origin, Path out, String... more) {
        Path scenario = Fixtures.scenario("d1-origin-writes");
        return Stream.concat(Stream.of("view", "--origin", origin.toString(), "--cow", scenario.resolve("cow-after.img.gz").toString(),
                "-o", out.toString()), Stream.of(more)).toArray(String[]::new);
    }

    /** Item 20: a 1 221-byte file as the origin of a COW that remaps chunks far past it. */
    @Test
    void aTooShortOriginIsRefusedUnlessAPartialViewIsAskedFor() throws Exception {
        Path passwd = Files.write(dir.resolve("passwd"), new byte[1221]);
        Path out = dir.resolve("view.img");
        CliRun refused = CliRun.of(args(passwd, out));
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(refused.err()).contains("past the end of the origin", "1221 bytes", "not the origin the COW was made on",
                "--allow-short-origin");
        assertThat(out).doesNotExist();

        CliRun partial = CliRun.of(args(passwd, out, "--allow-short-origin"));
        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("warning:", "partial view");
        assertThat(Files.size(out)).isEqualTo(1221);
    }

    @Test
    void theRightOriginStillGivesTheKernelsBytes() {
        Path scenario = Fixtures.scenario("d1-origin-writes");
        Path out = dir.resolve("view.img");
        CliRun run = CliRun.of(args(scenario.resolve("origin-before.img.gz"), out));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
    }

    /** Item 16: -o naming a device node or a directory is refused (exit 3), and the node stays a node. */
    @Test
    void anOutputThatIsNotARegularFileIsRefused() throws Exception {
        Path origin = Fixtures.scenario("d1-origin-writes").resolve("origin-before.img.gz");
        CliRun device = CliRun.of(args(origin, Path.of("/dev/null")));
        assertThat(device.exitCode()).as(device.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(device.err()).contains("/dev/null is a device node or pipe, not a regular file");
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        Path sub = Files.createDirectory(dir.resolve("sub"));
        CliRun directory = CliRun.of(args(origin, sub));
        assertThat(directory.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(directory.err()).contains("is a directory");
    }
}
