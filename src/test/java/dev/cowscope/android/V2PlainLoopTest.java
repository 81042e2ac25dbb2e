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

    /**
     * Files the fixtures do not have: XOR ops by the thousand (the loop keeps their data places apart and sets them
     * after it), XOR ops on one new block, clusters of two ops, and clusters past the 1 MiB window (52,428 ops: the
     * window refills in the middle of a cluster), with each compression mix; whole and damaged.
     */
    @org.junit.jupiter.api.Test
    void synthesizedFilesReadAlike() throws Exception {
        Random random = new Random(15);
        int files = 0;
        for (int clusterOps : new int[] {2, 3, 64, 1024, 60_000}) {
            for (double xorShare : new double[] {0, 0.3, 1}) {
                for (int compression : new int[] {0, 3, -1}) {
                    boolean oneBlock = random.nextBoolean();
                    int ops = clusterOps == 60_000 ? 61_000 : 3_000;
                    byte[] file = v2File(random, clusterOps, ops, xorShare, compression, oneBlock);
                    String what = String.format("cluster_ops %d, XOR share %.1f, compression %d, XOR blocks %s", clusterOps,
                            xorShare, compression, oneBlock ? "repeated" : "rising");
                    assertSame(what, file);
                    AndroidCow cow = new AndroidCowParser().parse(new ByteArrayBlockSource("synthetic.cow", file), OptionalLong.empty());
                    assertThat(cow.parseOk()).as(what + ": %s", cow.error()).isTrue();
                    for (int trial = 0; trial < (clusterOps == 60_000 ? 1 : 4); trial++) {
                        byte[] damaged = file.clone();
                        for (int d = 0; d < 3; d++) {
                            damaged[38 + random.nextInt(damaged.length - 38 - 84)] = (byte) random.nextInt(256);
                        }
                        assertSame(what + ", damaged " + trial, damaged);
                    }
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(45);
    }

    /**
     * A clustered v2 file laid out as AOSP's writer lays one out: a 38-byte header, clusters of {@code clusterOps}
     * ops (the last a CLUSTER op whose source is the size of the data that follows it), a LABEL now and then; the
     * footer op and its 64 unused bytes after the last cluster's ops. {@code compression}: the REPLACE and XOR ops' byte, -1 for none and lz4 mixed.
     */
    private static byte[] v2File(Random random, int clusterOps, int ops, double xorShare, int compression, boolean oneBlock) {
        ByteBuffer out = ByteBuffer.allocate(38 + ops * 20 * 2 + ops * 64 + 84).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(AndroidCowHeader.MAGIC).putShort((short) 2).putShort((short) 0).putShort((short) 38)
                .putShort((short) AndroidCowParser.FOOTER_BYTES).putShort((short) 20).putInt(4096).putInt(clusterOps)
                .putLong(0).putInt(0);
        int written = 0;
        while (written < ops) {
            int inCluster = Math.min(clusterOps - 1, ops - written - 1);
            ByteBuffer data = ByteBuffer.allocate(inCluster * 64);
            long dataAt = out.position() + (long) (inCluster + 1) * 20;
            for (int k = 0; k < inCluster; k++, written++) {
                int type = random.nextDouble() < xorShare ? AndroidOpType.XOR
                        : random.nextInt(100) == 0 ? AndroidOpType.LABEL
                        : new int[] {AndroidOpType.COPY, AndroidOpType.REPLACE, AndroidOpType.ZERO}[random.nextInt(3)];
                boolean hasData = type == AndroidOpType.REPLACE || type == AndroidOpType.XOR;
                int length = hasData ? 1 + random.nextInt(64) : 0;
                int opCompression = !hasData ? 0 : compression >= 0 ? compression : random.nextBoolean() ? 0 : 3;
                long block = oneBlock && type == AndroidOpType.XOR ? 7 : written;
                long source = switch (type) {
                    case AndroidOpType.COPY -> random.nextInt(1 << 20);
                    case AndroidOpType.REPLACE -> dataAt + data.position();
                    case AndroidOpType.XOR -> (long) random.nextInt(1 << 30);
                    case AndroidOpType.LABEL -> written;
                    default -> 0;
                };
                out.put((byte) type).put((byte) opCompression).putShort((short) length).putLong(block).putLong(source);
                data.position(data.position() + length);
            }
            if (written == ops - 1) { // the footer op follows the last cluster's ops, its data after the footer
                out.put((byte) AndroidOpType.FOOTER).put((byte) 0).putShort((short) 0).putLong(written * 20L).putLong(written);
                out.position(out.position() + 64);
                out.put(data.array(), 0, data.position());
                break;
            }
            out.put((byte) AndroidOpType.CLUSTER).put((byte) 0).putShort((short) 0).putLong(0).putLong(data.position());
            written++;
            out.put(data.array(), 0, data.position());
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
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
