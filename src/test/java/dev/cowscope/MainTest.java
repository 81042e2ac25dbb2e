package dev.cowscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The window cannot open: one line pointing to the command line and exit 2, never a stack trace. */
class MainTest {
    @ParameterizedTest
    @CsvSource({"'', no display", "'', gui", ":99999, no display", ":99999, gui"})
    void withoutADisplayTheLauncherSaysSoInOneLine(String display, String how) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        if (how.equals("gui")) {
            command.addAll(List.of("gui", new File("no-such.img").getPath()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("WAYLAND_DISPLAY");
        if (display.isEmpty()) {
            builder.environment().remove("DISPLAY");
        } else {
            builder.environment().put("DISPLAY", display);
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output.strip().lines().filter(l -> !l.startsWith("Picked up"))).as(output).hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith("cowscope: cannot open the window: ").contains("cowscope --help"));
        assertThat(output).doesNotContain("Exception", "\tat ");
    }
}
