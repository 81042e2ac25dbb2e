package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.report.AndroidOpsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ops} against what AOSP's own reader yields for every fixture, op for op. */
class AndroidOpsCliTest {
    private static final Path ANDROID = AndroidInspectCliTest.ANDROID;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() throws IOException {
        if (!Files.isDirectory(ANDROID)) {
            return Stream.of("(fixtures missing)");
        }
        try (Stream<Path> dirs = Files.list(ANDROID)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".cow"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    private static JsonNode reader(String name) throws IOException {
        Path dir = ANDROID.resolve(name);
        if (Files.exists(dir.resolve("reader.json"))) {
            return JSON.readTree(dir.resolve("reader.json").toFile());
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("reader.json.gz")))) {
            return JSON.readTree(in);
        }
    }

    private static boolean parsesInAosp(JsonNode aosp) {
        JsonNode parser = aosp.has("parser_v3") ? aosp.get("parser_v3") : aosp.get("parser_v2");
        return parser.get("parse_ok").asBoolean();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void csvListsEveryOpAsAospReadsIt(String name) throws IOException {
        assumeTrue(Files.isDirectory(ANDROID), "fixtures not present");
        JsonNode aosp = reader(name);
        CliRun run = CliRun.of("ops", ANDROID.resolve(name).resolve(name + ".cow").toString(), "--csv");
        if (!parsesInAosp(aosp)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
            assertThat(run.err()).contains("AOSP's reader refuses this file");
            return;
        }
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo(AndroidOpsWriter.CSV_HEADER);
        JsonNode ops = aosp.get("ops");
        assertThat(lines).hasSize(ops.size() + 1);
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            String[] f = lines[i + 1].split(",", -1);
            int type = op.get("type_id").asInt();
            assertThat(f[0]).isEqualTo(Integer.toString(i));
            assertThat(f[1]).as("op %d", i).isEqualTo(AndroidOpType.name(type));
            assertThat(f[2]).as("op %d", i).isEqualTo(op.get("new_block").asText());
            assertThat(f[3]).as("op %d source block", i).isEqualTo(type == AndroidOpType.COPY ? op.get("source").asText() : "");
            assertThat(f[4]).as("op %d source offset", i).isEqualTo(type == AndroidOpType.XOR ? op.get("source").asText() : "");
            assertThat(f[6]).as("op %d data length", i).isEqualTo(op.get("data_length").asText());
            boolean block = type == AndroidOpType.COPY || type == AndroidOpType.REPLACE || type == AndroidOpType.ZERO || type == AndroidOpType.XOR;
            assertThat(Long.parseLong(f[7]) * 4096).as("op %d blocks", i).isEqualTo(block ? op.get("op_buf_size").asLong() : 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void labelListsTheOpsAospReadsUpToIt(String name) throws IOException {
        assumeTrue(Files.isDirectory(ANDROID), "fixtures not present");
        JsonNode aosp = reader(name);
        for (JsonNode atLabel : aosp.get("parse_at_label")) {
            CliRun run = CliRun.of("ops", ANDROID.resolve(name).resolve(name + ".cow").toString(), "--json",
                    "--label", atLabel.get("label").asText());
            boolean ok = atLabel.get("parse_ok").asBoolean();
            assertThat(run.exitCode()).as("label %s: %s", atLabel.get("label"), run.err()).isEqualTo(ok ? ExitCode.OK : ExitCode.FINDINGS);
            if (!ok) {
                continue;
            }
            JsonNode listedOps = JSON.readTree(run.out());
            if (!atLabel.has("ops_type_new_block")) { // the big fixtures record the count only
                assertThat(listedOps.size()).as("label %s", atLabel.get("label")).isEqualTo(atLabel.get("num_ops").asInt());
                continue;
            }
            List<String> expected = new ArrayList<>();
            for (JsonNode op : atLabel.get("ops_type_new_block")) {
                expected.add(op.get(0).asText() + " " + op.get(1).asText());
            }
            List<String> listed = new ArrayList<>();
            for (JsonNode op : listedOps) {
                listed.add(AndroidOpType.aospName(AndroidOpType.code(op.get("type").asText())) + " " + op.get("newBlock").asText());
            }
            assertThat(listed).as("label %s", atLabel.get("label")).isEqualTo(expected);
        }
    }

    @Test
    void aDmSnapshotCowIsNotListedAsOps() {
        CliRun run = CliRun.of("ops", "--json", dev.cowscope.report.Sample.cow().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("not an Android COW");
        assertThat(run.out()).isEmpty();
    }
}
