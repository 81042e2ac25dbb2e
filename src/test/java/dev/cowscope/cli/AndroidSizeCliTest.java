package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.android.FixtureContent;
import dev.cowscope.android.WriterCallReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code size --android} end to end on the fixtures' changes (old image = the source image, new image = the target
 * the writer calls describe), and {@code size --android-cow} on every fixture file.
 */
class AndroidSizeCliTest {
    private static final Path ANDROID = AndroidInspectCliTest.ANDROID;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BLOCK = FixtureContent.BLOCK;


    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void estimateOfTheFixturesChangeHasTheWritersOpCounts(String name, @TempDir Path dir) throws Exception {
        JsonNode inputs = WriterCallReplay.inputsOf(ANDROID, name);
        int blocks = inputs.get("image_blocks").asInt();
        assumeTrue(blocks <= 4096, "the big fixtures are covered in memory by AndroidPairPlanFixturesTest");
        byte[] old = new byte[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(FixtureContent.textBlock("src", b), 0, old, b * BLOCK, BLOCK);
        }
        byte[] target = old.clone();
        long copies = 0;
        long zeros = 0;
        long replaced = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.get("expected_target_blocks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int b = Integer.parseInt(e.getKey());
            String content = e.getValue().get("content").asText();
            System.arraycopy(FixtureContent.block(content), 0, target, b * BLOCK, BLOCK);
            if (content.startsWith("copy of source block ")) {
                copies += content.equals("copy of source block " + b) ? 0 : 1;
            } else if (content.equals("zero")) {
                zeros++;
            } else {
                replaced++;
            }
        }
        Path a = Files.write(dir.resolve("old.img"), old);
        Path b = Files.write(dir.resolve("new.img"), target);
        String version = "v" + inputs.get("calls").get(0).get("version").asInt(); // CreateCowWriter
        CliRun run = CliRun.of("size", "--old", a.toString(), "--new", b.toString(), "--android", version,
                "--compression", "lz4", "--compression", "none", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("mode").asText()).isEqualTo("android-plan");
        assertThat(json.get("copyOps").asLong()).isEqualTo(copies);
        assertThat(json.get("zeroOps").asLong()).isEqualTo(zeros);
        assertThat(json.get("replaceBlocks").asLong()).isEqualTo(replaced);
        assertThat(json.get("xorOps").asLong()).isZero();
        assertThat(json.get("android")).hasSize(2);
        JsonNode none = json.get("android").get(1);
        assertThat(none.get("compression").asText()).isEqualTo("none");
        assertThat(none.get("replaceDataBytes").asLong()).isEqualTo(replaced * BLOCK);
        JsonNode lz4 = json.get("android").get(0);
        assertThat(lz4.get("cow").get("cowSizeBytes").asLong()).isLessThan(none.get("cow").get("cowSizeBytes").asLong());
        // the dm column is what `size` says for the same pair at 4K chunks
        CliRun dm = CliRun.of("size", "--old", a.toString(), "--new", b.toString(), "--chunk-sizes", "4K", "--json");
        assertThat(json.get("dmSnapshot").get("totalBytes").asLong())
                .isEqualTo(JSON.readTree(dm.out()).get("rows").get(0).get("totalBytes").asLong());
        assertThat(json.get("dmSnapshot").get("changedChunks").asLong()).isEqualTo(copies + zeros + replaced);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void layoutOfEveryFixtureFile(String name) throws Exception {
        assumeTrue(Files.isDirectory(ANDROID), "fixtures not present");
        Path cow = ANDROID.resolve(name).resolve(name + ".cow");
        CliRun run = CliRun.of("size", "--android-cow", cow.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode json = JSON.readTree(run.out());
        JsonNode inputs = WriterCallReplay.inputs(ANDROID.resolve(name));
        boolean finalized = inputs == null || !inputs.get("calls").get(inputs.get("calls").size() - 1).get("call").asText()
                .startsWith("(writer destroyed");
        if (finalized) {
            assertThat(json.get("equalToFile").asBoolean()).as(json.toString()).isTrue();
            assertThat(json.get("cow").get("cowSizeBytes").asLong()).isEqualTo(Files.size(cow));
        }
        CliRun text = CliRun.of("size", "--android-cow", cow.toString());
        assertThat(text.out()).contains("cow_size", "header", finalized ? "equal to the file" : "");
    }

    @Test
    void textShowsBothColumnsAndTheNotes(@TempDir Path dir) throws IOException {
        byte[] old = new byte[64 * BLOCK];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(FixtureContent.textBlock("src", i), 0, old, i * BLOCK, BLOCK);
        }
        byte[] target = old.clone();
        System.arraycopy(old, 5 * BLOCK, target, 9 * BLOCK, BLOCK); // a moved block
        java.util.Arrays.fill(target, 20 * BLOCK, 22 * BLOCK, (byte) 0);
        System.arraycopy(FixtureContent.textBlock("new", 30), 0, target, 30 * BLOCK, BLOCK);
        Path a = Files.write(dir.resolve("a.img"), old);
        Path b = Files.write(dir.resolve("b.img"), target);
        CliRun run = CliRun.of("size", "--old", a.toString(), "--new", b.toString(), "--android", "v3", "--compression", "zstd",
                "--compression-factor", "16K", "--margin", "1M");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("60 unchanged, 1 COPY (moved), 2 ZERO, 1 REPLACE in 1 ops, 0 XOR", "zstd", "dm-snapshot",
                "XOR ops are not produced", "compression factor 16K");
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors(@TempDir Path dir) throws IOException {
        Path a = Files.write(dir.resolve("a.img"), new byte[8 * BLOCK]);
        String img = a.toString();
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v3", "--compression", "brotli").err())
                .contains("no maintained Java brotli encoder");
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v3", "--compression", "brotli").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--compression", "lz4").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v2", "--compression-factor", "16K").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v3", "--compression-factor", "12K").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v4").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v2", "--cluster-ops", "1").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--old", img, "--new", img, "--android", "v3", "--compression", "gz,x").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--android", "v3", "--chunk-size", "4K", "--changed-chunks", "3").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--android-cow", img, "--margin", "1M").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--android-cow", img).exitCode()).isEqualTo(ExitCode.UNREADABLE);
        Path odd = Files.write(dir.resolve("odd.img"), new byte[BLOCK + 512]);
        CliRun notWhole = CliRun.of("size", "--old", odd.toString(), "--new", odd.toString(), "--android", "v3");
        assertThat(notWhole.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(notWhole.err()).contains("not whole blocks");
    }
}
