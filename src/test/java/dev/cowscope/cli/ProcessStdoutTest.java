package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line as a real process: {@code exceptions --csv} writes its rows as bytes under the stdout writer
 * (only the process's own stdout has them), and prints exactly what the in-process writer prints.
 */
class ProcessStdoutTest {
    private static final Path COW = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"),
            "b4-scatter1000", "cow-after.img.gz");

    @Test
    void csvOnTheProcessStdoutIsTheWritersCsv() throws Exception {
        assumeTrue(Files.isRegularFile(COW), "fixture not present");
        for (List<String> args : List.of(List.of("exceptions", "--sorted", "--csv", COW.toString()),
                List.of("exceptions", "--csv", COW.toString()))) {
            Process p = new ProcessBuilder(command(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            CliRun inProcess = CliRun.of(args.toArray(String[]::new));
            assertThat(inProcess.exitCode()).isZero();
            assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(inProcess.out()).contains("area,index,old_chunk,new_chunk\n");
        }
    }

    /** A reader that stops early (`| head`) ends the listing quietly, exit 0, as the writer path always did. */
    @Test
    void aClosedStdoutEndsTheListingWithoutAnError() throws Exception {
        assumeTrue(Files.isRegularFile(COW), "fixture not present");
        Process p = new ProcessBuilder(command(List.of("exceptions", "--sorted", "--csv", COW.toString())))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getInputStream().close(); // the reader is gone before the first row
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    }

    private static List<String> command(List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cowscope.Main"));
        command.addAll(args);
        return command;
    }
}
