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
 * each against the time to just read its op area into a buffer, measured in the same run (goal: ratio ≤ 2),
 * and the heap the ops take (goal ≤ 32 bytes per op).
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
            measure("v2_lz4_big (AOSP's writer, " + cow.ops().size() + " ops)", fixture, cow.opAreaOffset(), opBytes, 200);
            System.out.printf(Locale.ROOT, "v2_lz4_big: HEAP bytes per op = %.1f%n", (double) cow.ops().retainedBytes() / cow.ops().size());
        }
        Path file = Files.createTempFile("cowscope-bench-", ".cow");
        try {
            long dataBytes = writeV3(file, generatedOps);
            System.out.printf(Locale.ROOT, "built %s: %d ops (v3, %d MiB of ops, %d MiB of data)%n", file, generatedOps,
                    (16L * generatedOps) >> 20, dataBytes >> 20);
            double ratio = measure("generated v3, " + generatedOps + " ops", file, HEADER + 16L * RESUME_SLOTS, 16L * generatedOps, 5);
            AndroidCow cow = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
            System.out.printf(Locale.ROOT, "RATIO parse / read op area = %.2f (goal <= 2.00)%n", ratio);
            System.out.printf(Locale.ROOT, "HEAP bytes per op = %.1f (goal <= 32; the op columns as allocated; %d ops, parse ok %s)%n",
                    (double) cow.ops().retainedBytes() / cow.ops().size(), cow.ops().size(), cow.parseOk());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Median parse time ÷ median time to read the op area, over {@code rounds} rounds (each repeated for small files). */
    private static double measure(String what, Path file, long opAreaOffset, long opAreaBytes, int repeat) throws IOException {
        double[] read = new double[7];
        double[] parse = new double[7];
        for (int round = 0; round < read.length; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < repeat; r++) {
                readRange(file, opAreaOffset, opAreaBytes);
            }
            read[round] = (System.nanoTime() - t0) / 1e9 / repeat;
            long t1 = System.nanoTime();
            for (int r = 0; r < repeat; r++) {
                AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
            }
            parse[round] = (System.nanoTime() - t1) / 1e9 / repeat;
        }
        System.out.printf(Locale.ROOT, "%s: rounds (read, parse) ms %s%n", what, java.util.stream.IntStream.range(0, read.length)
                .mapToObj(r -> String.format(Locale.ROOT, "%.2f %.2f", read[r] * 1e3, parse[r] * 1e3)).toList());
        Arrays.sort(read);
        Arrays.sort(parse);
        double ratio = parse[parse.length / 2] / read[read.length / 2];
        System.out.printf(Locale.ROOT, "%s: read op area %.2f ms, parse %.2f ms (medians): ratio %.2f%n", what,
                read[read.length / 2] * 1e3, parse[parse.length / 2] * 1e3, ratio);
        return ratio;
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
