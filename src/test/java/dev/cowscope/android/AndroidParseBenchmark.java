package dev.cowscope.android;

import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Android COW parse speed (issue 15): the parse of the largest AOSP fixture and of a generated 1 M-op v3 file,
 * each against the time to just read its op area into memory, measured in the same run (goal: ratio ≤ 2),
 * and the heap the ops take (goal ≤ 32 bytes per op).
 *
 * <p>"Read the op area" is read as AOSP's own reader reads it: into one buffer the size of the ops ({@code
 * CowParserV3::ParseOps} resizes a vector to the op count and reads the op area into it; {@code CowParserV2} reads
 * each cluster's ops where it lies, one read a cluster, into a vector of them). A parse has to hold what it read, so
 * that floor includes the fresh memory the ops take. The ratio against a streaming read (1 MiB reused, nothing kept;
 * for v2, as many bytes as the ops take from the first op on, most of them data) is printed beside it.
 * <pre>mvn -Pbench -Dbench=dev.cowscope.android.AndroidParseBenchmark   (args: ops of the generated file, default 1048576)</pre>
 */
public final class AndroidParseBenchmark {
    private static final int HEADER = 78;
    private static final int RESUME_SLOTS = 4;

    public static void main(String[] args) throws Exception {
        int generatedOps = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        Path fixture = AospFixturesTest.cow("v2_lz4_big");
        if (Files.isRegularFile(fixture)) {
            AndroidCow cow = AndroidCowParser.read(fixture, OptionalLong.empty(), Progress.NONE);
            long opBytes = (long) cow.ops().size() * AndroidCowParser.V2_OP_BYTES;
            long[] spans = v2ClusterSpans(fixture, cow.opAreaOffset(), cow.rawHeader().clusterOps());
            measure("v2_lz4_big (AOSP's writer, " + cow.ops().size() + " ops in " + spans.length / 2 + " clusters)", fixture,
                    () -> readSpans(fixture, spans), () -> readRange(fixture, cow.opAreaOffset(), opBytes), 2000);
            System.out.printf(Locale.ROOT, "v2_lz4_big: HEAP bytes per op = %.1f%n", (double) cow.ops().retainedBytes() / cow.ops().size());
        }
        Path file = Files.createTempFile("cowscope-bench-", ".cow");
        try {
            long dataBytes = writeV3(file, generatedOps);
            System.out.printf(Locale.ROOT, "built %s: %d ops (v3, %d MiB of ops, %d MiB of data)%n", file, generatedOps,
                    (16L * generatedOps) >> 20, dataBytes >> 20);
            long opArea = HEADER + 16L * RESUME_SLOTS;
            long[] span = {opArea, 16L * generatedOps};
            double ratio = measure("generated v3, " + generatedOps + " ops", file,
                    () -> readSpans(file, span), () -> readRange(file, opArea, 16L * generatedOps), 5);
            AndroidCow cow = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
            System.out.printf(Locale.ROOT, "RATIO parse / read op area = %.2f (goal <= 2.00)%n", ratio);
            System.out.printf(Locale.ROOT, "HEAP bytes per op = %.1f (goal <= 32; the op columns as allocated; %d ops, parse ok %s)%n",
                    (double) cow.ops().retainedBytes() / cow.ops().size(), cow.ops().size(), cow.parseOk());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Reading {
        void run() throws IOException;
    }

    /**
     * Median parse time ÷ median time to read the op area into memory, over 7 rounds (each repeated for small files);
     * the parse against a streaming read printed too.
     */
    private static double measure(String what, Path file, Reading read, Reading stream, int repeat) throws IOException {
        double[] reads = new double[7];
        double[] streams = new double[7];
        double[] parses = new double[7];
        for (int round = 0; round < reads.length; round++) {
            reads[round] = seconds(read, repeat);
            streams[round] = seconds(stream, repeat);
            parses[round] = seconds(() -> AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE), repeat);
        }
        System.out.printf(Locale.ROOT, "%s: rounds (read into memory, streaming read, parse) ms %s%n", what,
                java.util.stream.IntStream.range(0, reads.length).mapToObj(r -> String.format(Locale.ROOT, "%.2f %.2f %.2f",
                        reads[r] * 1e3, streams[r] * 1e3, parses[r] * 1e3)).toList());
        double readMedian = median(reads);
        double streamMedian = median(streams);
        double parseMedian = median(parses);
        double ratio = parseMedian / readMedian;
        System.out.printf(Locale.ROOT, "%s: read op area into memory %.2f ms, parse %.2f ms (medians): ratio %.2f"
                + " (streaming read %.2f ms: ratio %.2f)%n", what, readMedian * 1e3, parseMedian * 1e3, ratio,
                streamMedian * 1e3, parseMedian / streamMedian);
        return ratio;
    }

    private static double seconds(Reading reading, int repeat) throws IOException {
        long t0 = System.nanoTime();
        for (int r = 0; r < repeat; r++) {
            reading.run();
        }
        return (System.nanoTime() - t0) / 1e9 / repeat;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Reads the spans (offset, length pairs) into one array that holds them all, one read a span, as AOSP reads ops. */
    private static byte[] readSpans(Path file, long[] spans) throws IOException {
        long total = 0;
        for (int i = 1; i < spans.length; i += 2) {
            total += spans[i];
        }
        byte[] ops = new byte[Math.toIntExact(total)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int at = 0;
            for (int i = 0; i < spans.length; i += 2) {
                ByteBuffer into = ByteBuffer.wrap(ops, at, (int) spans[i + 1]);
                long from = spans[i];
                while (into.hasRemaining()) {
                    int n = ch.read(into, from + (into.position() - at));
                    if (n < 0) {
                        throw new java.io.EOFException(file + ": op area ends early");
                    }
                }
                at += (int) spans[i + 1];
            }
        }
        return ops;
    }

    /**
     * Where a v2 file's ops lie: (offset, length) of each cluster's ops, up to the footer op, found by the cluster
     * ops' own links (each CLUSTER op's source is the data that follows it).
     */
    private static long[] v2ClusterSpans(Path file, long opArea, long clusterOps) throws IOException {
        if (clusterOps == 0) {
            throw new IllegalArgumentException(file + ": ops without clusters lie one by one between their data");
        }
        long[] spans = new long[16];
        int n = 0;
        ByteBuffer op = ByteBuffer.allocate(AndroidCowParser.V2_OP_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = opArea;
            long at = opArea;
            while (true) {
                op.clear();
                while (op.hasRemaining()) {
                    if (ch.read(op, at + op.position()) < 0) {
                        throw new java.io.EOFException(file + ": no footer op");
                    }
                }
                int type = op.get(0) & 0xff;
                at += AndroidCowParser.V2_OP_BYTES;
                if (type == AndroidOpType.CLUSTER || type == AndroidOpType.FOOTER) {
                    if (n + 2 > spans.length) {
                        spans = Arrays.copyOf(spans, 2 * spans.length);
                    }
                    spans[n++] = start;
                    spans[n++] = at - start - (type == AndroidOpType.FOOTER ? AndroidCowParser.V2_OP_BYTES : 0);
                    if (type == AndroidOpType.FOOTER) {
                        break;
                    }
                    at += op.getLong(12);
                    start = at;
                }
            }
        }
        return Arrays.copyOf(spans, n);
    }

    private static void readRange(Path file, long offset, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = offset;
            long end = offset + bytes;
            while (at < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                int n = ch.read(buffer, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
        }
    }

    /** A v3 file as the writer lays it out: 40 % COPY, 20 % ZERO, 40 % REPLACE of 64 stored bytes each. */
    private static long writeV3(Path file, int ops) throws IOException {
        long dataStart = HEADER + 16L * RESUME_SLOTS + 16L * ops;
        long data = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER + 16 * RESUME_SLOTS).order(ByteOrder.LITTLE_ENDIAN);
            h.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 3).putShort(10, (short) 0).putShort(12, (short) HEADER);
            h.putShort(14, (short) 0).putShort(16, (short) 16).putInt(18, 4096).putInt(22, 0);
            h.putInt(50, RESUME_SLOTS).putLong(54, ops).putLong(62, ops).putInt(70, 3).putInt(74, 4096);
            ch.write(h, 0);
            ByteBuffer b = ByteBuffer.allocate(16 << 16).order(ByteOrder.LITTLE_ENDIAN);
            long at = HEADER + 16L * RESUME_SLOTS;
            for (int i = 0; i < ops; i++) {
                int kind = i % 5;
                long type = kind < 2 ? AndroidOpType.COPY : kind == 2 ? AndroidOpType.ZERO : AndroidOpType.REPLACE;
                long length = type == AndroidOpType.REPLACE ? 64 : 0;
                long source = type == AndroidOpType.COPY ? i + 1_000_000L : type == AndroidOpType.REPLACE ? dataStart + data : 0;
                b.putInt((int) length).putInt(i).putLong((type << 60) | source);
                data += length;
                if (!b.hasRemaining()) {
                    b.flip();
                    at += ch.write(b, at);
                    b.clear();
                }
            }
            b.flip();
            at += ch.write(b, at);
            ch.write(ByteBuffer.wrap(new byte[] {0}), dataStart + data - 1); // the data, sparse: the parse never reads it
        }
        return data;
    }
}
