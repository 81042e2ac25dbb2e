package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which op each target block reads, against the writer's own account of the target (inputs.json) for every fixture. */
class TargetBlocksTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void everyWrittenBlockIsHeldByTheOpTheWriterWroteForIt(String name) throws IOException {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode inputs = AospFixturesTest.inputsJson(name);
        assumeTrue(inputs != null, "no writer account for this fixture");
        JsonNode expected = inputs.get("expected_target_blocks");
        AndroidCow cow = AndroidCowParser.read(AospFixturesTest.cow(name), OptionalLong.empty(), Progress.NONE);
        assumeTrue(cow.parseOk() && expected != null && expected.size() > 0, "AOSP does not read this file whole");
        TargetBlocks blocks = TargetBlocks.of(cow.ops(), Progress.NONE);
        long zero = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long block = Long.parseLong(e.getKey());
            String content = e.getValue().get("content").asText();
            int op = blocks.opAt(block);
            assertThat(op).as("block %d (%s)", block, content).isGreaterThanOrEqualTo(0);
            int type = cow.ops().type(op);
            if (content.startsWith("copy of source block ")) {
                assertThat(type).as("block %d", block).isEqualTo(AndroidOpType.COPY);
                assertThat(cow.ops().source(op)).isEqualTo(Long.parseLong(content.substring("copy of source block ".length())));
            } else if (content.equals("zero")) {
                assertThat(type).as("block %d", block).isEqualTo(AndroidOpType.ZERO);
                zero++;
            } else if (content.endsWith(" via xor")) {
                assertThat(type).as("block %d", block).isEqualTo(AndroidOpType.XOR);
            } else {
                assertThat(type).as("block %d", block).isEqualTo(AndroidOpType.REPLACE);
            }
        }
        assertThat(blocks.writtenBlocks()).isEqualTo(expected.size());
        long[] byType = new long[16];
        long untouched = blocks.count(0, blocks.blockCount() + 7, byType);
        assertThat(byType[AndroidOpType.ZERO]).isEqualTo(zero);
        assertThat(untouched).isEqualTo(blocks.blockCount() + 7 - expected.size());
    }

    @Test
    void theLaterOpHoldsABlockTwoOpsWrite() {
        AndroidCowOps ops = new AndroidCowOps(8);
        ops.add(AndroidOpType.REPLACE, 0, 2, 100, 10, 0, 0); // blocks 10..13
        ops.add(AndroidOpType.COPY, 0, 0, 0, 11, 500, -1);   // block 11, later: holds it
        ops.add(AndroidOpType.ZERO, 0, 0, 0, 20, 0, -1);
        ops.add(AndroidOpType.ZERO, 0, 0, 0, 20, 0, -1);     // the same block again
        ops.add(AndroidOpType.LABEL, 0, 0, 0, 0, 1, -1);     // writes no block
        TargetBlocks blocks = TargetBlocks.of(ops, Progress.NONE);
        Map<Long, Integer> held = new TreeMap<>();
        for (long b = 0; b < 25; b++) {
            if (blocks.opAt(b) >= 0) {
                held.put(b, blocks.opAt(b));
            }
        }
        assertThat(held).containsExactlyEntriesOf(new TreeMap<>(Map.of(10L, 0, 11L, 1, 12L, 0, 13L, 0, 20L, 3)));
        assertThat(blocks.overwrittenBlocks()).isEqualTo(2);
        assertThat(blocks.writtenBlocks()).isEqualTo(5);
        long[] byType = new long[16];
        assertThat(blocks.count(11, 21, byType)).isEqualTo(6); // 14..19
        assertThat(byType[AndroidOpType.REPLACE]).isEqualTo(2);
        assertThat(byType[AndroidOpType.COPY]).isEqualTo(1);
        assertThat(byType[AndroidOpType.ZERO]).isEqualTo(1);
        assertThat(blocks.blockCount()).isEqualTo(21);
    }

    /** Against a block-by-block replay of the ops in file order: overlaps, multi-block REPLACEs, blocks near 2^32. */
    @Test
    void theRunsAgreeWithABlockByBlockReplay() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        for (int trial = 0; trial < 300; trial++) {
            AndroidCowOps ops = new AndroidCowOps(64);
            long base = trial % 3 == 0 ? 0xffffffffL - 40 : 0;
            Map<Long, Integer> expected = new TreeMap<>();
            long covered = 0;
            int n = 1 + random.nextInt(trial % 2 == 0 ? 6 : 60);
            for (int i = 0; i < n; i++) {
                long block = base + random.nextInt(40);
                int kind = random.nextInt(5);
                int bits = kind == 0 ? random.nextInt(4) : 0;
                switch (kind) {
                    case 0 -> ops.add(AndroidOpType.REPLACE, 0, bits, 100, block, 0, 0);
                    case 1 -> ops.add(AndroidOpType.COPY, 0, 0, 0, block, 7, -1);
                    case 2 -> ops.add(AndroidOpType.ZERO, 0, 0, 0, block, 0, -1);
                    case 3 -> ops.add(AndroidOpType.XOR, 0, 0, 100, block, 9, 0);
                    default -> ops.add(AndroidOpType.LABEL, 0, 0, 0, 0, i, -1);
                }
                long blocks = kind == 0 ? 1L << bits : kind < 4 ? 1 : 0;
                for (long b = block; b < block + blocks; b++) {
                    expected.put(b, i);
                }
                covered += blocks;
            }
            TargetBlocks runs = TargetBlocks.of(ops, Progress.NONE);
            Map<Long, Integer> held = new TreeMap<>();
            for (long b = base; b < base + 48; b++) {
                if (runs.opAt(b) >= 0) {
                    held.put(b, runs.opAt(b));
                }
            }
            assertThat(held).as("trial %d", trial).isEqualTo(expected);
            assertThat(runs.writtenBlocks()).isEqualTo(expected.size());
            assertThat(runs.overwrittenBlocks()).isEqualTo(covered - expected.size());
            assertThat(runs.blockCount()).isEqualTo(expected.isEmpty() ? 0 : ((TreeMap<Long, Integer>) expected).lastKey() + 1);
            long from = base + random.nextInt(20);
            long to = from + random.nextInt(30);
            long[] byType = new long[16];
            long untouched = runs.count(from, to, byType);
            long[] want = new long[16];
            long wantUntouched = 0;
            for (long b = from; b < to; b++) {
                Integer op = expected.get(b);
                if (op == null) {
                    wantUntouched++;
                } else {
                    want[ops.type(op)]++;
                }
            }
            assertThat(untouched).isEqualTo(wantUntouched);
            assertThat(byType).isEqualTo(want);
            for (int r = 1; r < runs.runCount(); r++) {
                assertThat(runs.runStart(r)).isGreaterThanOrEqualTo(runs.runEnd(r - 1));
            }
        }
    }
}
