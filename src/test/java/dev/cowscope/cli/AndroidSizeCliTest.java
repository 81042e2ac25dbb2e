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

    /**
     * A change known only by its ranges is sized as if every touched block were content no compression shrinks and no
     * old block holds: exactly what the image-pair estimate (checked against AOSP's writer) gives for such content.
     */
    @ParameterizedTest(name = "{0} factor {1} cluster_ops {2}")
    @org.junit.jupiter.params.provider.CsvSource({"v2, , 1024", "v2, , 0", "v3, 4K, 1024", "v3, 16K, 1024", "v3, 64K, 5"})
    void rangesGiveTheUpperBoundThePairGivesForIncompressibleNewBlocks(String version, String factor, String clusterOps,
                                                                       @TempDir Path dir) throws Exception {
        int blocks = 512;
        byte[] old = new byte[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(FixtureContent.textBlock("src", b), 0, old, b * BLOCK, BLOCK);
        }
        byte[] target = old.clone();
        java.util.Random random = new java.util.Random(7);
        // byte ranges, unaligned and overlapping: blocks 3..9, 10 (adjacent: one run), 40, 41..69 (overlap), 200..311, 511
        long[][] ranges = {{3 * BLOCK + 100, 7 * BLOCK - 200}, {10 * BLOCK, BLOCK}, {40 * BLOCK + 5, 10}, {40 * BLOCK, 30 * BLOCK},
            {200L * BLOCK, 112L * BLOCK}, {511L * BLOCK + 4000, 96}};
        StringBuilder file = new StringBuilder("# offset length\n");
        for (long[] r : ranges) {
            file.append(r[0]).append(' ').append(r[1]).append('\n');
            for (long b = r[0] / BLOCK; b * BLOCK < r[0] + r[1]; b++) {
                byte[] noise = new byte[BLOCK];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, target, (int) b * BLOCK, BLOCK);
            }
        }
        Path a = Files.write(dir.resolve("old.img"), old);
        Path b = Files.write(dir.resolve("new.img"), target);
        Path list = Files.writeString(dir.resolve("ranges.txt"), file);
        java.util.List<String> android = new java.util.ArrayList<>(java.util.List.of("--android", version, "--cluster-ops", clusterOps,
                "--margin", "1%", "--json"));
        if (factor != null) {
            android.addAll(java.util.List.of("--compression-factor", factor));
        }
        java.util.List<String> pair = new java.util.ArrayList<>(java.util.List.of("size", "--old", a.toString(), "--new", b.toString(),
                "--compression", "none"));
        pair.addAll(android);
        java.util.List<String> byRanges = new java.util.ArrayList<>(java.util.List.of("size", "--ranges", list.toString(),
                "--origin-size", String.valueOf(old.length)));
        byRanges.addAll(android);
        CliRun p = CliRun.of(pair.toArray(String[]::new));
        CliRun r = CliRun.of(byRanges.toArray(String[]::new));
        assertThat(p.exitCode()).as(p.err()).isEqualTo(ExitCode.OK);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode fromPair = JSON.readTree(p.out());
        JsonNode fromRanges = JSON.readTree(r.out());
        assertThat(fromRanges.get("mode").asText()).isEqualTo("android-ranges");
        assertThat(fromRanges.get("replaceBlocks").asLong()).isEqualTo(7 + 1 + 30 + 112 + 1).isEqualTo(fromPair.get("replaceBlocks").asLong());
        assertThat(fromRanges.get("replaceOps").asLong()).isEqualTo(fromPair.get("replaceOps").asLong());
        assertThat(fromRanges.get("unchangedBlocks").asLong()).isEqualTo(fromPair.get("unchangedBlocks").asLong());
        assertThat(fromRanges.get("android").get(0)).isEqualTo(fromPair.get("android").get(0));
        for (String field : java.util.List.of("changedChunks", "marginChunks", "totalBytes", "allocationBytes")) {
            // (write amplification differs: the ranges know the bytes written, the pair only the blocks that differ)
            assertThat(fromRanges.get("dmSnapshot").get(field)).isEqualTo(fromPair.get("dmSnapshot").get(field));
        }
        // and lz4 cannot do better than raw on noise: the pair's lz4 row is the same bound
        pair.set(pair.indexOf("none"), "lz4");
        JsonNode lz4 = JSON.readTree(CliRun.of(pair.toArray(String[]::new)).out());
        assertThat(lz4.get("android").get(0).get("cow")).isEqualTo(fromRanges.get("android").get(0).get("cow"));

        CliRun text = CliRun.of("size", "--ranges", list.toString(), "--android", version, "--cluster-ops", clusterOps);
        assertThat(text.out()).contains("151 of 4096 bytes touched by the ranges, each a REPLACE stored raw", "Upper bound",
                "dm-snapshot       4K chunks: 151 changed");
    }

    @Test
    void rangesTakeNoCompression(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("r.txt"), "0 4096\n");
        CliRun run = CliRun.of("size", "--ranges", list.toString(), "--android", "v3", "--compression", "lz4");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--compression needs the content", "--old/--new");
        assertThat(CliRun.of("size", "--ranges", list.toString(), "--android", "v3", "--csv").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("size", "--ranges", list.toString(), "--android", "v9").exitCode()).isEqualTo(ExitCode.USAGE);
        // a hostile list: 2 TiB in one line, and 8 EiB; the ops are counted by size, so both are answered at once
        Path huge = Files.writeString(dir.resolve("huge.txt"), "0 2199023255552\n");
        long start = System.nanoTime();
        CliRun big = CliRun.of("size", "--ranges", huge.toString(), "--android", "v2", "--json");
        assertThat(big.exitCode()).as(big.err()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(big.out()).get("replaceOps").asLong()).isEqualTo(1L << 29);
        // an origin within a block of 2^63: its block count without overflow
        CliRun nearTop = CliRun.of("size", "--ranges", list.toString(), "--android", "v3", "--origin-size=9223372036854775807", "--json");
        assertThat(nearTop.exitCode()).as(nearTop.err()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(nearTop.out()).get("blocks").asLong()).isEqualTo(Long.MAX_VALUE / 4096 + 1);
        Path past = Files.writeString(dir.resolve("past.txt"), "0 9223372036854775807\n");
        CliRun refused = CliRun.of("size", "--ranges", past.toString(), "--android", "v3");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("larger than the largest size");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
