package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.testkit.AndroidParseSummary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v2 walk's plain-op loop against the full walk it stands in for: every v2 fixture, whole and with its ops
 * damaged in the ways the loop decides on (type, compression, block and source ranges, cluster links, lengths).
 */
class V2PlainLoopTest {
    static java.util.stream.Stream<String> v2Fixtures() throws Exception {
        return AospFixturesTest.fixtures().filter(name -> name.startsWith("v2_"));
    }

    @ParameterizedTest
    @MethodSource("v2Fixtures")
    void theLoopReadsWhatTheFullWalkReads(String name) throws Exception {
        byte[] file = Files.readAllBytes(AospFixturesTest.cow(name));
        Random random = new Random(name.hashCode());
        List<Integer> opStarts = opStarts(file);
        assertSame(name, file);
        for (int trial = 0; trial < 150; trial++) {
            byte[] damaged = file.clone();
            ByteBuffer b = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN);
            for (int d = 1 + random.nextInt(3); d > 0; d--) {
                int op = opStarts.get(random.nextInt(opStarts.size()));
                switch (random.nextInt(7)) {
                    case 0 -> b.put(op, (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 16 + 2, 255}[random.nextInt(11)]);
                    case 1 -> b.put(op + 1, (byte) random.nextInt(7));
                    case 2 -> b.putShort(op + 2, (short) random.nextInt(1 << 16));
                    case 3 -> b.putLong(op + 4, random.nextBoolean() ? 1L << 32 : random.nextInt(1 << 20));
                    case 4 -> b.putLong(op + 12, random.nextBoolean() ? 1L << 48 : random.nextInt(file.length));
                    case 5 -> b.putLong(op + 12, random.nextLong());
                    default -> b.put(op + random.nextInt(20), (byte) random.nextInt(256));
                }
            }
            assertSame(name + " trial " + trial, damaged);
        }
    }

    @ParameterizedTest
    @MethodSource("v2Fixtures")
    void theLoopStopsAtTheMostOpsHeldAsTheFullWalkDoes(String name) throws Exception {
        byte[] file = Files.readAllBytes(AospFixturesTest.cow(name));
        for (long maxOps : new long[] {0, 1, 7, 100, 1023, 1024, 1025, 20_021}) {
            assertThat(parse(file, true, maxOps)).as("%s, at most %d ops", name, maxOps).isEqualTo(parse(file, false, maxOps));
        }
    }

    private static void assertSame(String what, byte[] bytes) throws Exception {
        Object plain = parse(bytes, true, 1 << 20);
        Object full = parse(bytes, false, 1 << 20);
        assertThat(plain).as(what).isEqualTo(full);
    }

    /** What a parse gives, as comparable values (or the refusal's message). */
    private static Object parse(byte[] bytes, boolean plainLoop, long maxOps) throws Exception {
        AndroidCow cow;
        try {
            cow = new AndroidCowParser(maxOps, plainLoop).parse(new ByteArrayBlockSource("damaged.cow", bytes), OptionalLong.empty());
        } catch (CowFormatException refused) {
            return refused.kind() + " at " + refused.offsetBytes() + ": " + refused.getMessage();
        }
        return AndroidParseSummary.of(cow);
    }

    /** Where the file's ops lie, as the full walk finds them (a fixture is whole). */
    private static List<Integer> opStarts(byte[] file) throws Exception {
        AndroidCowParser parser = new AndroidCowParser(1 << 20, false);
        AndroidCow cow = parser.parse(new ByteArrayBlockSource("whole.cow", file), OptionalLong.empty());
        List<Integer> starts = new ArrayList<>();
        // ops are 20 bytes; a v2 file's op at index i lies where its bytes are: find each op's first byte by re-reading
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long pos = cow.opAreaOffset();
        long clusterOps = cow.rawHeader().clusterOps();
        for (int i = 0; i < cow.ops().size() + 1 && pos + 20 <= file.length; i++) {
            starts.add((int) pos);
            int type = file[(int) pos] & 0xff;
            long next = pos + 20;
            if (type == AndroidOpType.CLUSTER) {
                next += b.getLong((int) pos + 12);
            } else if (clusterOps == 0 && (type == AndroidOpType.REPLACE || type == AndroidOpType.XOR)) {
                next += b.getShort((int) pos + 2) & 0xffff;
            }
            pos = next;
        }
        return starts;
    }
}
