package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command leaves its inputs exactly as they were (checksum and modification time). */
class InputsUntouchedTest {
    @Test
    void everyCommandLeavesItsInputsAlone(@TempDir Path dir) throws Exception {
        Path scenario = Fixtures.scenario("b4-scatter1000");
        Path cow = Files.copy(scenario.resolve("cow-after.img.gz"), dir.resolve("cow.img.gz"));
        Path origin = Files.copy(scenario.resolve("origin-after.img.gz"), dir.resolve("origin.img.gz"));
        Path rawCow = Files.write(dir.resolve("cow.img"), Fixtures.gunzip(cow));
        List<Path> inputs = List.of(cow, origin, rawCow);
        String[] before = inputs.stream().map(Fixtures::sha256).toArray(String[]::new);
        FileTime[] times = new FileTime[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            times[i] = Files.getLastModifiedTime(inputs.get(i));
        }
        List<String[]> commands = List.of(
                new String[] {"inspect", cow.toString()},
                new String[] {"inspect", "--json", "--areas", rawCow.toString()},
                new String[] {"exceptions", "--csv", "--sorted", rawCow.toString()},
                new String[] {"exceptions", "--json", cow.toString()},
                new String[] {"view", "--origin", origin.toString(), "--cow", rawCow.toString(), "-o", dir.resolve("v1").toString()},
                new String[] {"view", "--origin", origin.toString(), "--cow", cow.toString(), "-o", dir.resolve("v2").toString()});
        for (String[] command : commands) {
            assertThat(CliRun.of(command).exitCode()).as(String.join(" ", command)).isZero();
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(Fixtures.sha256(inputs.get(i))).as("%s after %s", inputs.get(i), String.join(" ", command)).isEqualTo(before[i]);
                assertThat(Files.getLastModifiedTime(inputs.get(i))).isEqualTo(times[i]);
            }
        }
    }
}
