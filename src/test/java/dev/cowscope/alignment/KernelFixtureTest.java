package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every table of the p4-alignment kernel fixture (Linux 6.1): the predicted kernel lines equal the
 * recorded dmesg lines (timestamp dropped, the dm device's {@code 253:N} normalised), accept/reject
 * matches {@code create_rc}, and the predicted {@code alignment_offset} matches the dm device's.
 */
class KernelFixtureTest {
    private static final String DM = "<dm>";

    @TestFactory
    Stream<DynamicTest> everyTableIsPredicted() throws Exception {
        Path p4 = KernelFixtures.p4();
        JsonNode tables = new ObjectMapper().readTree(p4.resolve("manifest.json").toFile()).get("tables");
        List<BlockDevice> devices = KernelFixtures.devices(p4);
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> check(entry.getValue(), devices)));
        }
        assertThat(tests).hasSize(26);
        return tests.stream();
    }

    private static void check(JsonNode fixture, List<BlockDevice> devices) throws Exception {
        List<String> tableLines = new ArrayList<>();
        fixture.get("table").forEach(n -> tableLines.add(n.asText()));
        LinearTable table = LinearTable.parse(String.join("\n", tableLines));
        assertThat(table.render()).isEqualTo(String.join("\n", tableLines) + "\n");

        BlockDevice first = DeviceResolver.of(devices).resolve(table.lines().get(0).device()).orElseThrow();
        JsonNode under = fixture.get("underlying_limits");
        assertThat(first.limits().lbsBytes()).isEqualTo(under.get("queue/logical_block_size").asLong());
        assertThat(first.limits().pbsBytes()).isEqualTo(under.get("queue/physical_block_size").asLong());
        assertThat(first.limits().ioMinBytes()).isEqualTo(under.get("queue/minimum_io_size").asLong());
        assertThat(first.limits().deviceSectors()).isEqualTo(under.get("size").asLong());
        if (under.has("start")) {
            assertThat(first.limits().partStartSectors()).isEqualTo(under.get("start").asLong());
        }

        AlignmentReport report = new AlignmentRules(KernelVersion.V6_1).check(table, DeviceResolver.of(devices));

        List<String> expected = new ArrayList<>();
        fixture.get("dmesg").forEach(n -> expected.add(normalise(n.asText())));
        List<String> predicted = report.kernelMessages().stream().map(m -> m.render(DM)).toList();
        assertThat(predicted).containsExactlyElementsOf(expected);

        boolean accepted = fixture.get("create_rc").asInt() == 0;
        assertThat(report.accepted()).isEqualTo(accepted);
        if (accepted) {
            assertThat(report.predictedAlignmentOffset())
                .isEqualTo(OptionalLong.of(fixture.get("dm_limits").get("alignment_offset").asLong()));
            assertThat(report.rejectedLines()).isZero();
        } else {
            assertThat(report.predictedAlignmentOffset()).isEmpty();
            assertThat(report.rejectedLines()).isPositive();
        }
        long warned = report.kernelMessages().stream().filter(m -> m.text().contains("alignment inconsistency")).count();
        assertThat(report.warnedLines() > 0).isEqualTo(warned > 0);
    }

    /** {@code [   24.93] device-mapper: table: 253:0: x} → {@code device-mapper: table: <dm>: x}. */
    static String normalise(String dmesgLine) {
        return dmesgLine.replaceFirst("^\\[\\s*\\d+\\.\\d+\\] ", "")
            .replaceFirst("^(device-mapper: \\w+: )253:\\d+: ", "$1" + DM + ": ");
    }

    @TestFactory
    Stream<DynamicTest> tablesBuiltFromFilefragEqualTheFixtureTables() throws Exception {
        Path p4 = KernelFixtures.p4();
        JsonNode tables = new ObjectMapper().readTree(p4.resolve("manifest.json").toFile()).get("tables");
        Map<String, String> deviceOfFs = Map.of("fs4k", "/dev/vda", "fs1k", "/dev/vdb", "part", "/dev/vdc1");
        List<DynamicTest> tests = new ArrayList<>();
        for (String fs : deviceOfFs.keySet()) {
            for (String file : List.of("dd4M", "falloc8M", "frag6M", "small")) {
                for (String variant : List.of("filefrag-v", "filefrag-v-e", "filefrag-v-b512")) {
                    String name = "fiemap-" + fs + "-" + file;
                    Path input = p4.resolve("files").resolve(fs).resolve(file + "." + variant + ".txt");
                    tests.add(DynamicTest.dynamicTest(name + " from " + variant, () -> {
                        List<FilefragFile> parsed = new FilefragParser().parse(Files.readString(input));
                        assertThat(parsed).hasSize(1);
                        TableBuild build = LinearTable.fromExtents(parsed.get(0).extents(), deviceOfFs.get(fs),
                            OptionalLong.empty());
                        assertThat(build.hasErrors()).isFalse();
                        List<String> expected = new ArrayList<>();
                        tables.get(name).get("table").forEach(n -> expected.add(n.asText()));
                        assertThat(build.table().lines()).extracting(LinearLine::render)
                            .containsExactlyElementsOf(expected);
                    }));
                }
            }
        }
        return tests.stream();
    }
}
