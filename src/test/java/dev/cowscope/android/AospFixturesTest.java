package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.FindingKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture written by AOSP's own libsnapshot_cow writer ({@code ../shared/fixtures/android}, read in
 * place): our parse equals what AOSP's reader read back ({@code reader.json}): raw and parsed header, parser
 * verdict, footer, last label, every op (type, new block, source, source_info, data length, compression bits,
 * op buffer size, v2 on-disk fields, source and data offsets, the sha256 of the stored bytes), the v3 resume
 * slots, and every parse at a label.
 */
public class AospFixturesTest {
    public static final Path FIXTURES = Path.of("..", "shared", "fixtures", "android");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fixture names (folders holding {@code <name>.cow}), read from the folder: held-back ones count when present. */
    public static Stream<String> fixtures() throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            return Stream.of("(fixtures missing)");
        }
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".cow"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    public static JsonNode readerJson(String name) throws IOException {
        return fixtureJson(name, "reader.json");
    }

    /** {@code inputs.json} (the writer's calls and the target it meant), null for a fixture without one. */
    static JsonNode inputsJson(String name) throws IOException {
        Path dir = FIXTURES.resolve(name);
        return Files.exists(dir.resolve("inputs.json")) || Files.exists(dir.resolve("inputs.json.gz")) ? fixtureJson(name, "inputs.json") : null;
    }

    /** One of a fixture's JSON files, kept plain or gzip'd (the big fixtures). */
    private static JsonNode fixtureJson(String name, String file) throws IOException {
        Path dir = FIXTURES.resolve(name);
        Path plain = dir.resolve(file);
        if (Files.exists(plain)) {
            return JSON.readTree(plain.toFile());
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(file + ".gz")))) {
            return JSON.readTree(in);
        }
    }

    public static Path cow(String name) {
        return FIXTURES.resolve(name).resolve(name + ".cow");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fullParseEqualsAospReader(String name) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        JsonNode expected = readerJson(name);
        try (BlockSource source = BlockSources.open(cow(name))) {
            assertThat(AndroidCowParser.isAndroidCow(source)).isTrue();
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            assertThat(cow.sizeBytes()).isEqualTo(expected.at("/file/size").asLong());
            assertHeader(cow.rawHeader(), expected.get("raw_header"));
            JsonNode parser = expected.has("parser_v2") ? expected.get("parser_v2") : expected.get("parser_v3");
            assertThat(cow.parseOk()).as("parse ok: %s", cow.error()).isEqualTo(parser.get("parse_ok").asBoolean());
            if (!cow.parseOk()) {
                assertThat(expected.get("reader_parse_ok").asBoolean()).isFalse();
                return;
            }
            if (expected.hasNonNull("header")) {
                assertHeader(cow.header(), expected.get("header"));
            }
            if (expected.has("parser_v2")) {
                assertThat((long) cow.ops().size()).isEqualTo(parser.get("num_ops").asLong());
            }
            JsonNode footer = expected.get("footer");
            if (footer == null || footer.isNull()) {
                assertThat(cow.footer()).isNull();
            } else {
                assertThat(cow.footer().type()).isEqualTo(footer.get("type").asInt());
                assertThat(cow.footer().compression()).isEqualTo(footer.get("compression").asInt());
                assertThat(cow.footer().dataLength()).isEqualTo(footer.get("data_length").asInt());
                assertThat(cow.footer().opsSize()).isEqualTo(footer.get("ops_size").asLong());
                assertThat(cow.footer().numOps()).isEqualTo(footer.get("num_ops").asLong());
            }
            JsonNode lastLabel = expected.get("last_label");
            if (lastLabel == null || lastLabel.isNull()) {
                assertThat(cow.lastLabel()).isEmpty();
            } else {
                assertThat(cow.lastLabel()).hasValue(lastLabel.asLong());
            }
            if (expected.has("total_ops")) {
                assertThat((long) cow.ops().size()).isEqualTo(expected.get("total_ops").asLong());
            }
            assertOpCounts(cow, expected.get("op_counts"));
            assertOps(source, cow, expected.get("ops"));
            if (expected.has("resume_region_raw") && expected.get("resume_region_raw").path("read_ok").asBoolean()) {
                JsonNode slots = expected.at("/resume_region_raw/slots");
                long listed = Math.min(cow.rawHeader().resumePointCount(), cow.rawHeader().resumePointMax());
                assertThat(cow.resumePoints()).hasSize((int) listed);
                for (ResumePoint p : cow.resumePoints()) {
                    assertThat(p.label()).isEqualTo(slots.get(p.slot()).get("label").asLong());
                    assertThat(p.opIndex()).isEqualTo(slots.get(p.slot()).get("op_index").asLong());
                }
            }
            if (expected.has("layout") && expected.at("/layout/op_offset").isNumber()) {
                assertThat(cow.opAreaOffset()).isEqualTo(expected.at("/layout/op_offset").asLong());
                assertThat(cow.dataAreaOffset()).isEqualTo(expected.at("/layout/data_offset").asLong());
            }
            if (expected.has("layout") && expected.at("/layout/ops_start").isNumber()) {
                assertThat(cow.opAreaOffset()).isEqualTo(expected.at("/layout/ops_start").asLong());
            }
            assertThat(cow.findings()).noneMatch(f -> f.severity() == dev.cowscope.format.Severity.ERROR);
        }
    }

    /** Issue 15's memory bound: no object per op and at most 32 bytes each, whatever room the file's size suggests. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theOpsTakeAtMost32BytesEach(String name) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        AndroidCow cow = AndroidCowParser.read(cow(name), OptionalLong.empty(), dev.cowscope.format.Progress.NONE);
        assertThat(cow.ops().retainedBytes()).as("%d ops", cow.ops().size()).isLessThanOrEqualTo(32L * cow.ops().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parseAtEveryLabelEqualsAospReader(String name) throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        JsonNode expected = readerJson(name);
        try (BlockSource source = BlockSources.open(cow(name))) {
            for (JsonNode at : expected.get("parse_at_label")) {
                long label = at.get("label").asLong();
                AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.of(label));
                assertThat(cow.parseOk()).as("label %d: %s", label, cow.error()).isEqualTo(at.get("parse_ok").asBoolean());
                if (!cow.parseOk()) {
                    continue;
                }
                assertThat((long) cow.ops().size()).as("label %d", label).isEqualTo(at.get("num_ops").asLong());
                if (at.get("last_label").isNull()) {
                    assertThat(cow.lastLabel()).isEmpty();
                } else {
                    assertThat(cow.lastLabel()).hasValue(at.get("last_label").asLong());
                }
                int i = 0;
                for (JsonNode op : at.path("ops_type_new_block")) {
                    assertThat(AndroidOpType.aospName(cow.ops().type(i))).as("label %d op %d", label, i).isEqualTo(op.get(0).asText());
                    assertThat(cow.ops().newBlock(i)).as("label %d op %d", label, i).isEqualTo(op.get(1).asLong());
                    i++;
                }
            }
        }
    }

    static void assertHeader(AndroidCowHeader h, JsonNode e) {
        Map<String, Object> ours = h.aospFields();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Object value = ours.get(f.getKey());
            if (value == null) { // the v3 fields of a v2 header are 0
                assertThat(f.getValue().asLong()).as(f.getKey()).isZero();
                continue;
            }
            assertThat(String.valueOf(value)).as(f.getKey()).isEqualTo(f.getValue().asText());
        }
    }

    static void assertOpCounts(AndroidCow cow, JsonNode e) {
        Map<String, Long> ours = cow.opCounts();
        Map<String, String> names = Map.of("kCowCopyOp", "COPY", "kCowReplaceOp", "REPLACE", "kZeroOp", "ZERO",
                "kCowXorOp", "XOR", "kCowLabelOp", "LABEL", "kCowClusterOp", "CLUSTER", "kCowSequenceOp", "SEQUENCE");
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            assertThat(ours.get(names.get(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue().asLong());
            total += f.getValue().asLong();
        }
        assertThat(total).isEqualTo(cow.ops().size());
    }

    static void assertOps(BlockSource source, AndroidCow cow, JsonNode expected) throws Exception {
        AndroidCowOps ops = cow.ops();
        assertThat(ops.size()).isEqualTo(expected.size());
        long blockSize = cow.header().blockSize();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (JsonNode e : expected) {
            int i = e.get("i").asInt();
            String at = "op " + i;
            assertThat(AndroidOpType.aospName(ops.type(i))).as(at).isEqualTo(e.get("type").asText());
            assertThat(ops.type(i)).as(at).isEqualTo(e.get("type_id").asInt());
            assertThat(ops.newBlock(i)).as(at).isEqualTo(e.get("new_block").asLong());
            assertThat(ops.source(i)).as(at).isEqualTo(e.get("source").asLong());
            assertThat("0x" + Long.toHexString(ops.sourceInfo(i))).as(at).isEqualTo(e.get("source_info").asText());
            assertThat(ops.dataLength(i)).as(at).isEqualTo(e.get("data_length").asLong());
            assertThat(ops.compressionBits(i)).as(at).isEqualTo(e.get("compression_bits").asInt());
            assertThat(ops.opBufSize(i, blockSize)).as(at).isEqualTo(e.get("op_buf_size").asLong());
            assertThat(AndroidCowParser.v3String(ops.type(i), ops.dataLength(i), ops.newBlock(i), ops.source(i)))
                    .as(at).isEqualTo(e.get("str").asText());
            if (e.has("v2")) {
                assertThat(ops.v2Compression(i)).as(at).isEqualTo(e.at("/v2/compression").asInt());
                assertThat(ops.type(i)).as(at).isEqualTo(e.at("/v2/type").asInt());
            }
            if (e.has("source_offset")) {
                assertThat(ops.sourceOffset(i, blockSize)).as(at).isEqualTo(e.get("source_offset").asLong());
            } else {
                assertThat(ops.sourceOffset(i, blockSize)).as(at).isEqualTo(-1);
            }
            if (e.has("data_offset")) {
                assertThat(ops.dataOffset(i)).as(at).isEqualTo(e.get("data_offset").asLong());
            }
            if (e.has("raw_sha256")) {
                ByteBuffer stored = ByteBuffer.allocate((int) ops.dataLength(i));
                source.readFully(ops.dataOffset(i), stored);
                assertThat(HexFormat.of().formatHex(sha.digest(stored.array()))).as(at).isEqualTo(e.get("raw_sha256").asText());
            }
        }
    }

    /** The fixtures the README says fail AOSP's full parse (and how). */
    @org.junit.jupiter.api.Test
    void v2WithoutFooterFailsAsAospDoes() throws Exception {
        assumeTrue(Files.isDirectory(FIXTURES), "fixtures not present");
        try (BlockSource source = BlockSources.open(cow("v2_none_nofooter"))) {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            assertThat(cow.parseOk()).isFalse();
            assertThat(cow.error()).isEqualTo("No COW footer found");
            assertThat(cow.findings()).extracting(f -> f.kind()).contains(FindingKind.ANDROID_NO_FOOTER);
            assertThat(List.of(cow.formatName())).containsExactly("android-cow-v2");
        }
    }
}
