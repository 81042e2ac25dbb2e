package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code inspect} of Android COW files written by AOSP's own writer: the format, AOSP's header names, op counts. */
class AndroidInspectCliTest {
    static final Path ANDROID = Path.of(System.getProperty("cowscope.android.fixtures", "../shared/fixtures/android"));

    @ParameterizedTest
    @ValueSource(strings = {"v2_lz4_c8", "v2_none_c4", "v3_lz4", "v3_zstd", "v3_brotli"})
    void jsonNamesTheFormatAndCountsOpsAsAospDoes(String fixture) throws IOException {
        Path cow = ANDROID.resolve(fixture).resolve(fixture + ".cow");
        CliRun run = CliRun.of("inspect", cow.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode j = new ObjectMapper().readTree(run.out());
        JsonNode aosp = new ObjectMapper().readTree(ANDROID.resolve(fixture).resolve("reader.json").toFile());
        assertThat(j.get("format").asText()).isEqualTo("android-cow-v" + fixture.charAt(1));
        assertThat(j.get("header").get("major_version").asInt()).isEqualTo(aosp.get("raw_header").get("major_version").asInt());
        assertThat(j.get("header").get("block_size").asInt()).isEqualTo(aosp.get("raw_header").get("block_size").asInt());
        for (String type : new String[] {"COPY", "REPLACE", "ZERO", "XOR"}) {
            long expected = 0;
            for (JsonNode op : aosp.get("ops")) {
                if (op.get("type").asText().toUpperCase().contains(type)) {
                    expected++;
                }
            }
            assertThat(j.get("opCounts").get(type).asLong()).as(type).isEqualTo(expected);
        }
        CliRun text = CliRun.of("inspect", cow.toString());
        assertThat(text.out()).contains("android-cow-v" + fixture.charAt(1), "Parse             ok");
    }

    /** {@code view} reads Android COWs too (the target image: AndroidViewCliTest); {@code exceptions} does not. */
    @Test
    void exceptionsPointsAnAndroidCowToInspect() {
        String cow = ANDROID.resolve("v3_lz4/v3_lz4.cow").toString();
        CliRun run = CliRun.of("exceptions", cow);
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("It is an Android Virtual A/B COW file: 'cowscope inspect' reads it");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void parseVerdictAndMergeVerifyAreAosps(String fixture) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(ANDROID), "fixtures not present");
        Path cow = ANDROID.resolve(fixture).resolve(fixture + ".cow");
        CliRun run = CliRun.of("inspect", cow.toString(), "--json");
        JsonNode j = new ObjectMapper().readTree(run.out());
        JsonNode aosp = dev.cowscope.android.AospFixturesTest.readerJson(fixture);
        // CowReader::Parse includes the merge preparation: its verdict, not the parser's alone
        assertThat(j.get("parse").get("ok").asBoolean()).isEqualTo(aosp.get("reader_parse_ok").asBoolean());
        if (aosp.get("reader_parse_ok").asBoolean()) {
            assertThat(j.get("merge").get("verifyMergeOps").asBoolean()).isEqualTo(aosp.get("verify_merge_ops").asBoolean());
            assertThat(j.get("merge").get("num_total_data_ops").asLong()).isEqualTo(aosp.get("num_total_data_ops").asLong());
        } else {
            assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        }
    }
}
