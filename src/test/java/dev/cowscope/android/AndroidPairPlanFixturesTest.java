package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.Progress;
import dev.cowscope.sizing.AndroidPairPlan;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.CowSizeCalculator;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image-pair estimate on every fixture's change: the old image is the fixtures' source image (block b =
 * {@code TextBlock("src", b)}), the new one its target ({@code expected_target_blocks}). The ops picked equal the
 * writer's where the choice is determined (moved blocks COPY, zero blocks ZERO, the rest REPLACE, XOR never); where
 * the writer's REPLACE calls are the same runs, the stored bytes equal what AOSP stored.
 */
class AndroidPairPlanFixturesTest {
    private static final int BLOCK = FixtureContent.BLOCK;


    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void theEstimatePicksTheWritersOpsForTheFixturesChange(String name) throws Exception {
        JsonNode inputs = WriterCallReplay.inputsOf(AospFixturesTest.FIXTURES, name);
        WriterCallReplay replay = new WriterCallReplay(inputs);
        int blocks = inputs.get("image_blocks").asInt();
        assumeTrue(inputs.get("source_blocks").asInt() == blocks, "old and new images differ in size");
        byte[] oldImage = new byte[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(FixtureContent.textBlock("src", b), 0, oldImage, b * BLOCK, BLOCK);
        }
        byte[] newImage = oldImage.clone();
        Map<Integer, String> target = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.get("expected_target_blocks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int b = Integer.parseInt(e.getKey());
            target.put(b, e.getValue().get("content").asText());
            System.arraycopy(FixtureContent.block(e.getValue().get("content").asText()), 0, newImage, b * BLOCK, BLOCK);
        }
        long copies = 0;
        long zeros = 0;
        long unchanged = blocks - target.size();
        List<Integer> replaced = new ArrayList<>();
        for (Map.Entry<Integer, String> e : target.entrySet()) {
            String content = e.getValue();
            if (content.equals("copy of source block " + e.getKey())) {
                unchanged++;
            } else if (content.startsWith("copy of source block ")) {
                copies++;
            } else if (content.equals("zero")) {
                zeros++;
            } else {
                replaced.add(e.getKey());
            }
        }
        AndroidCowOptions options = estimatorLike(replay.options);
        String compression = inputs.get("options").get("compression").asText();
        AndroidBlockCompressor.Compression c = AndroidBlockCompressor.Compression.parse(compression);
        assumeTrue(c.algorithm() != AndroidBlockCompressor.Algorithm.BROTLI, "no brotli encoder in Java");
        AndroidPairPlan plan = AndroidPairPlan.estimate(new ByteArrayBlockSource("old", oldImage),
                new ByteArrayBlockSource("new", newImage), options, List.of(c), Margin.NONE, RoundingUnit.SECTOR,
                ChunkSizeRule.SECTOR_DEVICES, Progress.NONE);

        assertThat(plan.blocks()).isEqualTo(blocks);
        assertThat(plan.unchangedBlocks()).isEqualTo(unchanged);
        assertThat(plan.copyBlocks()).isEqualTo(copies);
        assertThat(plan.zeroBlocks()).isEqualTo(zeros);
        assertThat(plan.replaceBlocks()).isEqualTo(replaced.size());
        assertThat(plan.indexedOldBlocks()).isEqualTo(blocks);
        if (replay.finalized()) { // otherwise the target is the state at the last label, not every call
            assertWriterCallsAgree(replay, copies, zeros, replaced.size());
        }

        // the same ops fed to the layout by a separate path: maximal runs cut by dataOpBlocks, each compressed
        AndroidCowLayout layout = new AndroidCowLayout(options);
        long stored = 0;
        List<List<Long>> ourOps = new ArrayList<>();
        try (AndroidBlockCompressor compressor = new AndroidBlockCompressor(c, options.version(),
                options.version() >= 3 ? options.compressionFactor() : options.blockSize())) {
            for (List<Integer> run : runs(replaced)) {
                int at = 0;
                for (long opBlocks : layout.dataOpBlocks(run.size(), false)) {
                    byte[] buffer = new byte[(int) opBlocks * BLOCK];
                    for (int k = 0; k < opBlocks; k++) {
                        System.arraycopy(newImage, run.get(at + k) * BLOCK, buffer, k * BLOCK, BLOCK);
                    }
                    stored += compressor.storedLength(buffer, 0, buffer.length);
                    ourOps.add(List.of((long) run.get(at), opBlocks));
                    at += (int) opBlocks;
                }
            }
        }
        AndroidPairPlan.Row row = plan.rows().get(0);
        assertThat(row.replaceDataBytes()).isEqualTo(stored);
        assertThat(plan.replaceOps()).isEqualTo(ourOps.size());
        if (sameOpsAsTheWriter(replay, ourOps)) {
            assertThat(stored).as("REPLACE bytes AOSP stored").isEqualTo(writerReplaceBytes(name));
        }
        // dm side: the same change at 4K chunks
        CowSizeCalculator dm = new CowSizeCalculator(BLOCK / 512);
        assertThat(plan.dmRow().cowSize().totalBytes()).isEqualTo(dm.forChangedChunks(copies + zeros + replaced.size()).totalBytes());
        assertThat(row.deviceBytes() % 4096).isZero();
        assertThat(row.deviceBytes()).isGreaterThanOrEqualTo(row.size().cowSizeBytes() + AndroidPairPlan.LIBSNAPSHOT_EXTRA_BYTES);
    }

    /** The fixture's writer options as update_engine's estimator would use them (op_count_max grows). */
    private static AndroidCowOptions estimatorLike(AndroidCowOptions o) {
        return new AndroidCowOptions(o.version(), o.blockSize(), o.clusterOps(), o.bufferBytes(), 0, -1,
                o.compressionFactor(), true);
    }

    /** Where the writer's blocks are all distinct, its COPY, ZERO and REPLACE+XOR counts are ours. */
    private static void assertWriterCallsAgree(WriterCallReplay replay, long copies, long zeros, long replaced) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long[] byType = new long[16];
        for (WriterCallReplay.PlannedOp op : replay.ops) {
            for (long k = 0; k < op.blocks(); k++) {
                if (!seen.add(op.newBlock() + k)) {
                    return; // a block written twice: the target map, checked above, is the truth
                }
            }
            byType[op.type()] += op.blocks();
        }
        assertThat(byType[AndroidOpType.COPY]).isEqualTo(copies);
        assertThat(byType[AndroidOpType.ZERO]).isEqualTo(zeros);
        assertThat(byType[AndroidOpType.REPLACE] + byType[AndroidOpType.XOR]).isEqualTo(replaced);
    }

    private static List<List<Integer>> runs(List<Integer> sortedBlocks) {
        List<List<Integer>> runs = new ArrayList<>();
        for (int b : sortedBlocks) {
            if (runs.isEmpty() || runs.get(runs.size() - 1).get(runs.get(runs.size() - 1).size() - 1) != b - 1) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(b);
        }
        return runs;
    }

    /** True when the writer has no XOR op and its REPLACE ops cover the same blocks, cut the same way, as ours. */
    private static boolean sameOpsAsTheWriter(WriterCallReplay replay, List<List<Long>> ours) {
        List<List<Long>> writer = new ArrayList<>();
        for (WriterCallReplay.PlannedOp op : replay.ops) {
            if (op.type() == AndroidOpType.XOR) {
                return false;
            }
            if (op.type() == AndroidOpType.REPLACE) {
                writer.add(List.of(op.newBlock(), op.blocks()));
            }
        }
        writer.sort(java.util.Comparator.comparing(l -> l.get(0)));
        return writer.equals(ours);
    }

    private static long writerReplaceBytes(String name) throws Exception {
        AndroidCow cow = AndroidCowParser.read(AospFixturesTest.cow(name), OptionalLong.empty(), Progress.NONE);
        long total = 0;
        for (int i = 0; i < cow.ops().size(); i++) {
            if (cow.ops().type(i) == AndroidOpType.REPLACE) {
                total += cow.ops().dataLength(i);
            }
        }
        return total;
    }
}
