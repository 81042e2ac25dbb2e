package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Offline merge vs {@code cp --sparse=always} of the origin, in the same run (not a unit test).
 * <pre>
 * java -cp target/classes:target/test-classes dev.cowscope.merge.OfflineMergeBenchmark [SIZE=4G] [EXCEPTIONS=20000] [DIR]
 * </pre>
 * The origin is a sparse file with 1 MiB of data in every 2 MiB; the COW (4 KiB chunks) remaps
 * EXCEPTIONS scattered origin chunks. Both sides end with an fsync of their output ({@code sync FILE} after cp).
 */
public final class OfflineMergeBenchmark {
    private static final long CS = 8;

    public static void main(String[] args) throws Exception {
        long size = Units.parseBytes(args.length > 0 ? args[0] : "4G");
        int exceptions = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        Path dir = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")), "cowscope-bench-");
        try {
            Path origin = dir.resolve("origin.img");
            Path cow = dir.resolve("cow.img");
            makeOrigin(origin, size);
            makeCow(cow, size, exceptions);
            for (int round = 1; round <= 2; round++) {
                double cp = time(() -> {
                    run("cp", "--sparse=always", origin.toString(), dir.resolve("copy.img").toString());
                    run("sync", dir.resolve("copy.img").toString());
                });
                double merge = time(() -> OfflineMerge.toNewFile(origin, cow, dir.resolve("merged.img"), Progress.NONE));
                System.out.printf(Locale.ROOT, "round %d: origin %s, %d exceptions: cp --sparse=always + sync %.3f s, offline merge %.3f s, "
                        + "speed ratio (cp time / merge time) %.2f%n", round, Units.human(size), exceptions, cp, merge, cp / merge);
                Files.delete(dir.resolve("copy.img"));
                Files.delete(dir.resolve("merged.img"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** 1 MiB of non-zero data at the start of every 2 MiB; the rest are holes. */
    private static void makeOrigin(Path origin, long size) throws IOException {
        ByteBuffer data = ByteBuffer.allocateDirect(1 << 20);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) (i * 31 + 7));
        }
        try (FileChannel ch = FileChannel.open(origin, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long at = 0; at < size; at += 2L << 20) {
                data.clear().limit((int) Math.min(data.capacity(), size - at));
                while (data.hasRemaining()) {
                    ch.write(data, at + data.position());
                }
            }
            if (ch.size() < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
            ch.force(true);
        }
    }

    private static void makeCow(Path cow, long originBytes, int exceptions) throws IOException {
        AreaLayout layout = new AreaLayout(CS);
        Random random = new Random(6);
        long originChunks = originBytes / layout.chunkSizeBytes();
        java.util.Set<Long> used = new java.util.HashSet<>();
        long[][] entries = new long[exceptions][];
        for (int i = 0; i < exceptions; i++) {
            long old;
            do {
                old = (long) (random.nextDouble() * originChunks);
            } while (!used.add(old));
            entries[i] = new long[] {old, layout.sequentialChunk(i)};
        }
        byte[] bytes = TestCows.bytes(CS, entries, 0);
        for (int i = 0; i < exceptions; i++) {
            int at = Math.toIntExact(layout.chunkOffsetBytes(entries[i][1]));
            java.util.Arrays.fill(bytes, at, at + (int) layout.chunkSizeBytes(), (byte) (0x40 + i % 26));
        }
        Files.write(cow, bytes);
    }

    private interface Job {
        void run() throws Exception;
    }

    private static double time(Job job) throws Exception {
        long start = System.nanoTime();
        job.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
