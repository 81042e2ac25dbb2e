package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.Progress;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layout formula against every fixture written by AOSP's writer: the size it gives equals the writer's own
 * {@code GetCowSizeInfo()} after {@code Finalize} (recorded in {@code inputs.json}), and the file's size.
 */
class AndroidCowLayoutTest {


    /** Recomputed from the file alone (header and ops): equals the writer's report and the file size. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void layoutOfTheFileEqualsTheWritersSize(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        AndroidCow cow = AndroidCowParser.read(AospFixturesTest.cow(name), OptionalLong.empty(), Progress.NONE);
        JsonNode inputs = WriterCallReplay.inputs(AospFixturesTest.FIXTURES.resolve(name));
        WriterCallReplay replay = inputs == null ? null : new WriterCallReplay(inputs);
        if (replay != null && !replay.finalized()) {
            // destroyed without Finalize: no size was reported, and a v2 file then has no footer
            assertThat(cow.version() >= 3 || !cow.parseOk()).isTrue();
            return;
        }
        assertThat(cow.parseOk()).as(cow.error()).isTrue();
        AndroidCowSize size = AndroidCowLayout.ofFile(cow).size();
        assertThat(size.cowSizeBytes()).isEqualTo(Files.size(AospFixturesTest.cow(name)));
        assertParts(size);
        if (replay != null) {
            assertThat(size.cowSizeBytes()).isEqualTo(replay.cowSize);
            assertThat(size.opCountMax()).isEqualTo(cow.version() >= 3 ? replay.opCountMax : 0);
        }
        if (cow.version() < 3) {
            assertThat(size.clusterOps()).isEqualTo(cow.ops().countsByType()[AndroidOpType.CLUSTER]);
            assertThat(size.ops() + size.clusterOps()).isEqualTo(cow.footer().numOps());
        } else {
            assertThat(size.ops()).isEqualTo(cow.header().opCount());
        }
    }

    /**
     * The estimate before writing: the writer calls (options from inputs.json) split into ops as the writer
     * splits them, with the stored lengths of the file's data ops, give the writer's size; the split matches the
     * file's ops one for one (type, new block, blocks covered).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void writerCallsAndStoredLengthsGiveTheWritersSize(String name) throws Exception {
        JsonNode inputs = WriterCallReplay.inputsOf(AospFixturesTest.FIXTURES, name);
        WriterCallReplay replay = new WriterCallReplay(inputs);
        assumeTrue(replay.finalized(), "never finalized: no size reported");
        AndroidCow cow = AndroidCowParser.read(AospFixturesTest.cow(name), OptionalLong.empty(), Progress.NONE);
        AndroidCowOps fileOps = cow.ops();
        AndroidCowLayout layout = new AndroidCowLayout(replay.options);
        if (replay.v3SequenceEntries > 0) {
            layout.addSequenceData(replay.v3SequenceEntries);
        }
        int f = 0;
        for (WriterCallReplay.PlannedOp op : replay.ops) {
            while (fileOps.type(f) == AndroidOpType.CLUSTER) {
                f++;
            }
            assertThat(fileOps.type(f)).as("op %d", f).isEqualTo(op.type());
            if (op.type() != AndroidOpType.LABEL && op.type() != AndroidOpType.SEQUENCE) {
                assertThat(fileOps.newBlock(f)).as("op %d", f).isEqualTo(op.newBlock());
                assertThat(1L << fileOps.compressionBits(f)).as("op %d", f).isEqualTo(op.blocks());
            }
            if (op.type() == AndroidOpType.SEQUENCE) {
                assertThat(fileOps.dataLength(f)).isEqualTo(op.sequenceBytes());
            }
            layout.add(op.type(), AndroidOpType.hasData(op.type()) ? fileOps.dataLength(f) : 0);
            f++;
        }
        AndroidCowSize size = layout.size();
        assertThat(size.cowSizeBytes()).isEqualTo(replay.cowSize);
        assertThat(size.opCountMax()).isEqualTo(cow.version() >= 3 ? replay.opCountMax : 0);
        assertThat(size.fits()).isTrue();
        assertParts(size);
    }

    private static void assertParts(AndroidCowSize s) {
        assertThat(s.headerBytes() + s.scratchBytes() + s.sequenceBytes() + s.resumeBytes() + s.opBytes() + s.dataBytes()
                + s.footerBytes()).isEqualTo(s.cowSizeBytes());
        assertThat(s.opBytes()).isNotNegative();
    }

    @Test
    void anEstimatorGrowsTheV3OpAreaWhereAWriterRefuses() {
        AndroidCowLayout estimator = new AndroidCowLayout(new AndroidCowOptions(3, 4096, 1024, 0, 2, -1, 4096, true));
        AndroidCowLayout writer = new AndroidCowLayout(new AndroidCowOptions(3, 4096, 1024, 0, 2, -1, 4096, false));
        for (int i = 0; i < 3; i++) {
            estimator.add(AndroidOpType.REPLACE, 100);
            writer.add(AndroidOpType.REPLACE, 100);
        }
        assertThat(estimator.size().opCountMax()).isEqualTo(3);
        assertThat(estimator.size().cowSizeBytes()).isEqualTo(78 + 64 + 3 * 16 + 300);
        assertThat(writer.size().fits()).isFalse();
        assertThat(writer.size().opCountMax()).isEqualTo(2);
    }

    @Test
    void multiBlockOpsFollowTheWritersGreedySplitPerBatch() {
        AndroidCowLayout cf16k = new AndroidCowLayout(new AndroidCowOptions(3, 4096, 1024, 0, 0, -1, 16384, true));
        assertThat(cf16k.dataOpBlocks(11, false)).containsExactly(4, 4, 2, 1);
        assertThat(cf16k.dataOpBlocks(3, true)).containsExactly(1, 1, 1);
        AndroidCowLayout batch6 = new AndroidCowLayout(new AndroidCowOptions(3, 4096, 6, 0, 0, -1, 16384, true));
        assertThat(batch6.dataOpBlocks(13, false)).containsExactly(4, 2, 4, 2, 1);
        AndroidCowLayout v2 = new AndroidCowLayout(AndroidCowOptions.estimator(2, 4096, 1024, 4096));
        assertThat(v2.dataOpBlocks(3, false)).containsExactly(1, 1, 1);
    }

    @Test
    void optionsTheWriterRefusesAreRefused() {
        assertThatThrownBy(() -> new AndroidCowOptions(2, 4096, 1, 0, 0, -1, 4096, false)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> new AndroidCowOptions(3, 65536, 0, 0, 0, -1, 65536, true)).hasMessageContaining("too large");
        assertThatThrownBy(() -> new AndroidCowOptions(3, 4096, 0, 0, 0, -1, 6000, true)).hasMessageContaining("compression factor");
        assertThatThrownBy(() -> new AndroidCowOptions(3, 4096, 0, 0, 0, -1, 4096, false)).hasMessageContaining("max_blocks");
        assertThatThrownBy(() -> new AndroidCowOptions(4, 4096, 0, 0, 0, -1, 4096, false)).hasMessageContaining("version");
    }

    /** A hostile v3 header: op_count_max and sequence_data_count are u64; past 2^63 the layout refuses instead of going negative. */
    @Test
    void hugeV3AreasAreRefusedNotWrapped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        for (int field : new int[] {38, 62}) { // sequence_data_count, op_count_max
            byte[] bytes = Files.readAllBytes(AospFixturesTest.cow("v3_lz4"));
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(field, -1L);
            java.nio.file.Path file = Files.write(dir.resolve("huge" + field + ".cow"), bytes);
            AndroidCow cow;
            try {
                cow = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
            } catch (java.io.IOException refusedByTheParser) {
                continue;
            }
            assertThatThrownBy(() -> AndroidCowLayout.ofFile(cow).size()).isInstanceOf(ArithmeticException.class);
        }
    }
}
