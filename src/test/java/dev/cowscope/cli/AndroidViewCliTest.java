package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code view} with an Android COW, end to end against every AOSP fixture: the file written over the generated
 * source image (raw, and as a sparse image; the COW plain and gzip'd) has the sha256 of AOSP's {@code CompressedSnapshotReader} image;
 * a COW AOSP refuses, or whose data AOSP cannot read, is refused in one line with exit 3 and no file.
 */
class AndroidViewCliTest {
    static final Path FIXTURES = Path.of("..", "shared", "fixtures", "android");

    static Stream<String> fixtures() throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            return Stream.of("(fixtures missing)");
        }
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".cow")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static JsonNode target(String name) throws IOException {
        Path dir = FIXTURES.resolve(name);
        Path plain = dir.resolve("reader.json");
        try (InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                : new GZIPInputStream(Files.newInputStream(dir.resolve("reader.json.gz")))) {
            return new ObjectMapper().readTree(in).path("target_image_via_CompressedSnapshotReader");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesAospsTargetImage(String name, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        JsonNode expected = target(name);
        Path cow = FIXTURES.resolve(name).resolve(name + ".cow");
        Path out = dir.resolve("target.img");
        if (!expected.path("ok").asBoolean()) {
            Path source = Files.write(dir.resolve("source.img"), new byte[4096]);
            CliRun run = CliRun.of("view", "--origin", source.toString(), "--cow", cow.toString(), "-o", out.toString());
            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).startsWith("cowscope view: ").contains("AOSP's reader refuses this COW").doesNotContain("\tat ");
            assertThat(out).doesNotExist();
            return;
        }
        byte[] source = sourceImage(expected.get("source_blocks").asInt());
        Path raw = Files.write(dir.resolve("source.img"), source);
        Path sparse = Files.write(dir.resolve("source.simg"), sparse(source));
        for (Path origin : new Path[] {raw, sparse}) {
            CliRun run = CliRun.of("view", "--origin", origin.toString(), "--cow", cow.toString(), "-o", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
            assertThat(sha).as("%s over %s", name, origin.getFileName()).isEqualTo(expected.get("image_sha256").asText());
            assertThat(run.err()).contains(sha).contains("blocks from the source");
        }
        // gzip'd as COWs travel: read back over the unpacked copy, whose last partial block was once lost
        Path gz = dir.resolve(name + ".cow.gz");
        try (java.io.OutputStream packed = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(cow, packed);
        }
        CliRun packed = CliRun.of("view", "--origin", raw.toString(), "--cow", gz.toString(), "-o", out.toString());
        assertThat(packed.exitCode()).as(packed.err()).isZero();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))))
                .as("%s, gzip'd", name).isEqualTo(expected.get("image_sha256").asText());
        Files.delete(gz);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("source.img", "source.simg", "target.img");
    }

    @Test
    void unreadableDataStopsTheImageWithAospsReasonAndNoFile(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        byte[] cow = Files.readAllBytes(FIXTURES.resolve("v3_lz4").resolve("v3_lz4.cow"));
        JsonNode ops = new ObjectMapper().readTree(FIXTURES.resolve("v3_lz4").resolve("reader.json").toFile()).get("ops");
        for (JsonNode op : ops) {
            if (op.get("type").asText().equals("kCowReplaceOp") && op.get("data_length").asLong() < 4096) {
                int at = op.get("data_offset").asInt();
                for (int k = 0; k < op.get("data_length").asInt(); k++) {
                    cow[at + k] = (byte) 0xff; // not an lz4 block any more
                }
                break;
            }
        }
        Path damaged = Files.write(dir.resolve("damaged.cow"), cow);
        Path source = Files.write(dir.resolve("source.img"), sourceImage(512));
        Path out = dir.resolve("target.img");
        CliRun run = CliRun.of("view", "--origin", source.toString(), "--cow", damaged.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).startsWith("cowscope view: block ").contains("LZ4", "AOSP's CompressedSnapshotReader fails this read");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("damaged.cow", "source.img");
    }

    @Test
    void aShortSourceAndDmOptionsAreRefused(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        String cow = FIXTURES.resolve("v3_lz4").resolve("v3_lz4.cow").toString();
        Path small = Files.write(dir.resolve("small.img"), sourceImage(8));
        CliRun pastEnd = CliRun.of("view", "--origin", small.toString(), "--cow", cow, "-o", dir.resolve("o.img").toString());
        assertThat(pastEnd.exitCode()).as(pastEnd.err()).isZero(); // every op writes past the 8 blocks: said, not written
        assertThat(pastEnd.err()).contains("warning: ", "ops write blocks at or past block 8");
        assertThat(Files.size(dir.resolve("o.img"))).isEqualTo(8 * 4096);
        Path medium = Files.write(dir.resolve("medium.img"), sourceImage(64)); // COPY 10..12 <- 100..102 is past its end
        CliRun shortSource = CliRun.of("view", "--origin", medium.toString(), "--cow", cow, "-o", dir.resolve("m.img").toString());
        assertThat(shortSource.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(shortSource.err()).contains("block 10: COPY op", "past the end of the source image");
        assertThat(dir.resolve("m.img")).doesNotExist();
        CliRun salvage = CliRun.of("view", "--origin", small.toString(), "--cow", cow, "-o", dir.resolve("o.img").toString(), "--salvage");
        assertThat(salvage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(salvage.err()).contains("is an Android COW");
        CliRun device = CliRun.of("view", "--origin", small.toString(), "--cow", cow, "-o", "/dev/null");
        assertThat(device.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(device.err()).contains("not a regular file");
    }

    /** Block b = {@code TextBlock("src", b)}, as in the fixtures' README. */
    static byte[] sourceImage(int blocks) {
        byte[] out = new byte[blocks * 4096];
        for (int b = 0; b < blocks; b++) {
            byte[] line = ("COW oracle src block " + b + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int k = 0; k < 4096; k++) {
                out[b * 4096 + k] = line[k % line.length];
            }
        }
        return out;
    }

    /** {@code image} as a sparse image: a RAW chunk per 8 blocks, a DONT_CARE chunk where 8 blocks are zeros, and a CRC32 chunk. */
    static byte[] sparse(byte[] image) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int count = 0;
        int blocks = image.length / 4096;
        for (int b = 0; b < blocks; b += 8) {
            int n = Math.min(8, blocks - b);
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xCAC1).putShort((short) 0)
                    .putInt(n).putInt(12 + n * 4096);
            chunks.writeBytes(h.array());
            chunks.write(image, b * 4096, n * 4096);
            count++;
        }
        chunks.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xCAC4).putShort((short) 0)
                .putInt(0).putInt(16).array());
        count++;
        ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(0xED26FF3A).putShort((short) 1)
                .putShort((short) 0).putShort((short) 28).putShort((short) 12).putInt(4096).putInt(blocks).putInt(count).putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(chunks.toByteArray());
        return out.toByteArray();
    }
}
