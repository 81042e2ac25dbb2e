package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AOSP fixture: our merge preparation equals what AOSP's {@code CowReader} read back
 * ({@code reader.json}): the whole parse's verdict, the sequence data, the merge and reverse-merge orders
 * with and without progress, the {@code USERSPACE_MERGE} order, the {@code is_merge} reader's ops,
 * {@code GetOpIter(true)}'s start, the two counters and {@code VerifyMergeOps}; and the op lines
 * {@code inspect_cow} printed for the merge orders and its verdict line.
 */
class AospMergeOrderTest {

    static java.util.stream.Stream<String> fixtures() throws IOException {
        return AospFixturesTest.fixtures();
    }

    static AndroidMergePlan plan(String name, boolean userspace) throws IOException {
        try (BlockSource source = BlockSources.open(AospFixturesTest.cow(name))) {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            return new AndroidMergeOrder().prepare(cow, source, userspace);
        }
    }

    static AndroidCow cow(String name) throws IOException {
        try (BlockSource source = BlockSources.open(AospFixturesTest.cow(name))) {
            return new AndroidCowParser().parse(source, OptionalLong.empty());
        }
    }

    static int[] ints(JsonNode list) {
        return IntStream.range(0, list.size()).map(k -> list.get(k).asInt()).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mergePreparationEqualsAospReader(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode e = AospFixturesTest.readerJson(name);
        AndroidCow cow = cow(name);
        AndroidMergePlan plan = plan(name, false);
        assertThat(plan.readerParseOk()).as("reader_parse_ok: %s", plan.error()).isEqualTo(e.get("reader_parse_ok").asBoolean());
        if (!plan.readerParseOk()) {
            assertThat(plan.order()).isEmpty();
            assertThat(plan.error()).isNotBlank();
            return;
        }
        assertThat(plan.mergeOrder(true)).isEqualTo(ints(e.get("merge_order_ignore_progress")));
        assertThat(plan.mergeOrder(false)).isEqualTo(ints(e.get("merge_order")));
        assertThat(plan.reverseMergeOrder(true)).isEqualTo(ints(e.get("rev_merge_order_ignore_progress")));
        assertThat(plan.reverseMergeOrder(false)).isEqualTo(ints(e.get("rev_merge_order")));
        assertThat(plan.opIterMergeProgressStart(cow)).isEqualTo(e.get("op_iter_merge_progress_start_index").asLong());
        assertThat(plan.verifyOk()).as("verify: %s", plan.verifyError()).isEqualTo(e.get("verify_merge_ops").asBoolean());
        assertThat(plan.verifyFailStep() >= 0).isEqualTo(!plan.verifyOk());
        assertThat((long) plan.numTotalDataOps()).isEqualTo(e.get("num_total_data_ops").asLong());
        assertThat(plan.numOrderedOpsToMerge()).isEqualTo(e.get("num_ordered_ops_to_merge").asLong());
        assertThat(plan.sequence()).isEqualTo(expectedSequence(e));
        assertThat(plan.kind()).isEqualTo(plan.sequence().length > 0 ? AndroidMergePlan.OrderKind.SEQUENCE_DATA
                : cow.version() >= 3 ? AndroidMergePlan.OrderKind.STREAM_ORDER : AndroidMergePlan.OrderKind.ORDERED_THEN_SORTED);

        JsonNode userspace = e.get("userspace_merge_reader");
        AndroidMergePlan up = plan(name, true);
        assertThat(up.readerParseOk()).isEqualTo(userspace.get("parse_ok").asBoolean());
        assertThat(up.mergeOrder(true)).isEqualTo(ints(userspace.get("merge_order_ignore_progress")));
        assertThat(up.numTotalDataOps()).isEqualTo(plan.numTotalDataOps());

        JsonNode isMerge = e.get("is_merge_reader"); // its op stream is the merge order itself
        assertThat(isMerge.get("parse_ok").asBoolean()).isTrue();
        JsonNode ops = isMerge.get("ops_type_new_block");
        assertThat(plan.order()).hasSize(ops.size());
        for (int k = 0; k < ops.size(); k++) {
            int op = plan.order()[k];
            assertThat(AndroidOpType.aospName(cow.ops().type(op))).as("step %d", k).isEqualTo(ops.get(k).get(0).asText());
            assertThat(cow.ops().newBlock(op)).as("step %d", k).isEqualTo(ops.get(k).get(1).asLong());
        }
    }

    /** v3: the sequence buffer; v2: the entries of every sequence op, in stream order. */
    private static int[] expectedSequence(JsonNode e) {
        if (e.has("sequence_buffer")) {
            JsonNode buffer = e.get("sequence_buffer");
            return buffer.path("read_ok").asBoolean() ? ints(buffer.get("data")) : new int[0];
        }
        List<Integer> all = new ArrayList<>();
        for (JsonNode op : e.get("ops")) {
            op.path("sequence").forEach(v -> all.add(v.asInt()));
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void inspectCowPrintedTheseOrdersAndThisVerdict(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        Path dir = AospFixturesTest.FIXTURES.resolve(name);
        AndroidMergePlan plan = plan(name, false);
        Path verify = dir.resolve("inspect_cow_verify_merge.txt");
        if (Files.exists(verify) && plan.readerParseOk()) {
            String text = Files.readString(verify, StandardCharsets.UTF_8);
            assertThat(text).contains(plan.verifyOk() ? "Merge sequence is consistent." : "Merge sequence is inconsistent!");
        }
        if (!plan.readerParseOk()) {
            return;
        }
        AndroidCow cow = cow(name);
        Path sequence = dir.resolve("inspect_cow_merge_sequence.txt");
        if (Files.exists(sequence) && cow.version() < 3) { // --show_merge_sequence prints the v2 sequence ops' entries
            List<Integer> printed = new ArrayList<>();
            boolean inSequence = false;
            for (String line : Files.readAllLines(sequence, StandardCharsets.UTF_8)) {
                if (line.startsWith("Sequence for ")) {
                    inSequence = true;
                } else if (inSequence && line.matches("(\\d+, )+")) {
                    for (String v : line.split(", ")) {
                        printed.add(Integer.parseUnsignedInt(v.trim()));
                    }
                } else {
                    inSequence = false;
                }
            }
            assertThat(printed).isEqualTo(IntStream.of(plan.sequence()).boxed().toList());
        }
        assertListing(dir.resolve("inspect_cow_merge.txt"), cow, plan.mergeOrder(true));
        assertListing(dir.resolve("inspect_cow_merge_progress.txt"), cow, plan.mergeOrder(false));
        assertListing(dir.resolve("inspect_cow_revmerge.txt"), cow, plan.reverseMergeOrder(true));
        assertListing(dir.resolve("inspect_cow_revmerge_progress.txt"), cow, plan.reverseMergeOrder(false));
    }

    /** The lines between "Listing op stream:" and "Data ops:" are our ops in {@code order}, line for line. */
    private static void assertListing(Path file, AndroidCow cow, int[] order) throws IOException {
        if (!Files.exists(file)) {
            return; // not run for the big fixtures
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int from = lines.indexOf("Listing op stream:") + 2;
        int to = IntStream.range(from, lines.size()).filter(k -> lines.get(k).startsWith("Data ops:")).findFirst().orElseThrow();
        List<String> ours = IntStream.of(order).mapToObj(op -> AndroidCowParser.v3String(cow.ops().type(op),
                cow.ops().dataLength(op), cow.ops().newBlock(op), cow.ops().source(op))).toList();
        assertThat(lines.subList(from, to)).as(file.toString()).isEqualTo(ours);
    }
}
