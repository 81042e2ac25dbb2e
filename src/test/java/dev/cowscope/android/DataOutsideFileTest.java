package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Progress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** An op whose data lies past the end of the file (or in the header) is named, at its own place in the file. */
class DataOutsideFileTest {
    @Test
    void aReplacePointingPastTheEndIsNamedWhereItLies() throws Exception {
        damageOneReplace(size -> size + 1000);
    }

    @Test
    void aReplacePointingIntoTheHeaderIsNamedWhereItLies() throws Exception {
        damageOneReplace(size -> 4);
    }

    /** From a second review: a v3 parse that stops at a REPLACE out of place still checks the data of the ops it kept. */
    @Test
    void aV3ReplaceFarPastTheEndFailsTheParseAndIsNamed() throws Exception {
        Path file = AospFixturesTest.cow("v3_lz4");
        assumeTrue(Files.isRegularFile(file), "fixture v3_lz4");
        byte[] bytes = Files.readAllBytes(file);
        AndroidCow whole = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
        int victim = -1;
        for (int i = 0; i < whole.ops().size() && victim < 0; i++) {
            victim = whole.ops().type(i) == AndroidOpType.REPLACE ? i : -1;
        }
        long at = whole.opAreaOffset() + 16L * victim;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) at + 8, (long) AndroidOpType.REPLACE << 60 | 1L << 40);
        AndroidCow cow = new AndroidCowParser().parse(new ByteArrayBlockSource("v3_lz4", bytes), OptionalLong.empty());
        assertThat(cow.parseOk()).isFalse();
        assertThat(cow.error()).startsWith("Invalid data location");
        assertThat(cow.findings()).filteredOn(f -> f.kind() == FindingKind.ANDROID_DATA_OUTSIDE_FILE)
                .extracting(Finding::location).containsExactly(Location.op(victim, at));
    }

    private void damageOneReplace(java.util.function.LongUnaryOperator newSource) throws Exception {
        for (String name : new String[] {"v2_none_c4", "v2_lz4_big", "v2_none_noclusters"}) {
            Path file = AospFixturesTest.cow(name);
            assumeTrue(Files.isRegularFile(file), "fixture " + name);
            byte[] bytes = Files.readAllBytes(file);
            AndroidCowOps ops = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE).ops();
            // the last REPLACE: in a later cluster than the first, where a wrong place would show
            int victim = -1;
            for (int i = 0; i < ops.size(); i++) {
                if (ops.type(i) == AndroidOpType.REPLACE) {
                    victim = i;
                }
            }
            assertThat(victim).as(name).isNotNegative();
            long at = find(bytes, ops, victim);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) at + 12, newSource.applyAsLong(bytes.length));
            AndroidCow cow = new AndroidCowParser().parse(new ByteArrayBlockSource(name, bytes), OptionalLong.empty());
            assertThat(cow.findings()).as(name).filteredOn(f -> f.kind() == FindingKind.ANDROID_DATA_OUTSIDE_FILE)
                    .extracting(Finding::location).containsExactly(Location.op(victim, at));
        }
    }

    /** Where op {@code i} (a v2 REPLACE) lies: its 20 bytes, found in the file. */
    private static long find(byte[] bytes, AndroidCowOps ops, int i) {
        ByteBuffer op = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        op.put((byte) AndroidOpType.REPLACE).put((byte) ops.v2Compression(i)).putShort((short) ops.dataLength(i))
                .putLong(ops.newBlock(i)).putLong(ops.source(i));
        byte[] pattern = op.array();
        int found = -1;
        for (int at = 0; at + 20 <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + 20, pattern, 0, 20)) {
                assertThat(found).as("the op's bytes occur once").isEqualTo(-1);
                found = at;
            }
        }
        assertThat(found).isNotNegative();
        return found;
    }
}
