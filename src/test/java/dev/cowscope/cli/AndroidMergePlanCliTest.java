package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.android.AospFixturesTest;
import dev.cowscope.testkit.CowImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code merge plan} of every AOSP fixture: the steps it lists are AOSP's merge order (the op indices of
 * {@code GetMergeOpIter}, the new blocks of the {@code is_merge} reader), reversed with {@code --reverse},
 * the {@code USERSPACE_MERGE} order with {@code --userspace}; the summary carries AOSP's verdicts.
 */
class AndroidMergePlanCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() throws IOException {
        return AospFixturesTest.fixtures();
    }

    static JsonNode readerJson(String name) throws IOException {
        return AospFixturesTest.readerJson(name);
    }

    static String cow(String name) {
        return AospFixturesTest.cow(name).toString();
    }

    static List<Long> field(JsonNode steps, String name) {
        List<Long> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.get(name).asLong()));
        return out;
    }

    static List<Long> longs(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asLong()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theListedStepsAreAospsMergeOrders(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode aosp = readerJson(name);
        CliRun run = CliRun.of("merge", "plan", "--json", "--steps", cow(name));
        boolean ok = aosp.get("reader_parse_ok").asBoolean();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ok ? ExitCode.OK : ExitCode.FINDINGS);
        JsonNode j = JSON.readTree(run.out());
        JsonNode summary = j.get("summary");
        assertThat(summary.get("readerParseOk").asBoolean()).isEqualTo(ok);
        if (!ok) {
            assertThat(summary.get("error").asText()).isNotBlank();
            assertThat(j.get("steps")).isEmpty();
            return;
        }
        JsonNode steps = j.get("steps");
        assertThat(field(steps, "op")).isEqualTo(longs(aosp.get("merge_order_ignore_progress")));
        List<Long> isMergeBlocks = new ArrayList<>();
        aosp.at("/is_merge_reader/ops_type_new_block").forEach(o -> isMergeBlocks.add(o.get(1).asLong()));
        assertThat(field(steps, "newBlock")).isEqualTo(isMergeBlocks);
        assertThat(field(steps, "step")).isEqualTo(java.util.stream.LongStream.range(0, steps.size()).boxed().toList());
        long merged = 0;
        for (JsonNode s : steps) {
            merged += s.get("merged").asBoolean() ? 1 : 0;
        }
        assertThat(steps.size() - merged).isEqualTo(aosp.get("merge_order").size());
        assertThat(summary.get("numTotalDataOps").asLong()).isEqualTo(aosp.get("num_total_data_ops").asLong());
        assertThat(summary.get("numOrderedOpsToMerge").asLong()).isEqualTo(aosp.get("num_ordered_ops_to_merge").asLong());
        assertThat(summary.get("opIterMergeProgressStart").asLong()).isEqualTo(aosp.get("op_iter_merge_progress_start_index").asLong());
        assertThat(summary.at("/verifyMergeOps/consistent").asBoolean()).isEqualTo(aosp.get("verify_merge_ops").asBoolean());

        JsonNode reverse = JSON.readTree(CliRun.of("merge", "plan", "--json", "--steps", "--reverse", cow(name)).out()).get("steps");
        assertThat(field(reverse, "op")).isEqualTo(longs(aosp.get("rev_merge_order_ignore_progress")));
        JsonNode userspace = JSON.readTree(CliRun.of("merge", "plan", "--json", "--steps", "--userspace", cow(name)).out());
        assertThat(userspace.at("/summary/reader").asText()).isEqualTo("USERSPACE_MERGE");
        assertThat(field(userspace.get("steps"), "op")).isEqualTo(longs(aosp.at("/userspace_merge_reader/merge_order_ignore_progress")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theTextTableHasOneLinePerStep(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode aosp = readerJson(name);
        CliRun run = CliRun.of("merge", "plan", "--steps", cow(name));
        if (!aosp.get("reader_parse_ok").asBoolean()) {
            assertThat(run.out()).contains("parse        fails in AOSP: ");
            return;
        }
        assertThat(run.out()).contains(aosp.get("verify_merge_ops").asBoolean() ? "consistent (VerifyMergeOps" : "inconsistent at step");
        List<String> lines = run.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("     step")).findFirst().orElseThrow());
        List<String> rows = lines.subList(header + 1, lines.size());
        assertThat(rows).hasSize(aosp.get("merge_order_ignore_progress").size());
        for (int k = 0; k < rows.size(); k++) {
            String[] cells = rows.get(k).trim().split("\\s+");
            assertThat(Long.parseLong(cells[1])).as(rows.get(k)).isEqualTo(aosp.get("merge_order_ignore_progress").get(k).asLong());
            assertThat(Long.parseLong(cells[3])).as(rows.get(k)).isEqualTo(aosp.at("/is_merge_reader/ops_type_new_block").get(k).get(1).asLong());
        }
    }

    @Test
    void androidOnlyOptionsAreRefusedForADmSnapshotCowAndTheOriginForAnAndroidOne(@TempDir Path dir) throws Exception {
        Path dm = CowImageBuilder.cow().chunkSizeSectors(8).exceptions(5, 3).writeTo(dir.resolve("cow.img"));
        CliRun reverse = CliRun.of("merge", "plan", "--reverse", dm.toString());
        assertThat(reverse.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(reverse.err()).contains("--reverse and --userspace apply to Android COW files");
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        CliRun origin = CliRun.of("merge", "plan", "--origin", dm.toString(), cow("v3_lz4"));
        assertThat(origin.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(origin.err()).contains("--origin applies to dm-snapshot COWs");
        CliRun sampled = CliRun.of("merge", "plan", cow("v2_none_merge_progress"));
        assertThat(sampled.exitCode()).isZero();
        assertThat(sampled.out()).contains("a resumed merge starts at step 3, op 4 (XOR new block 30)", "Sampled steps");
    }
}
