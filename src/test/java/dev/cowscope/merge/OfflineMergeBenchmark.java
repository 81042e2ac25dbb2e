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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final int ROUNDS = 4;

    public static void main(String[] args) throws Exception {
        long size = Units.parseBytes(args.length > 0 ? args[0] : "4G");
        int exceptions = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        Path dir = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")), "cowscope-bench-");
        try {
            Path origin = dir.resolve("origin.img");
            Path cow = dir.resolve("cow.img");
            makeOrigin(origin, size);
            makeCow(cow, size, exceptions);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                // Alternate which side runs first: whichever runs first meets the page cache and the disk
                // still busy with the previous round's files (a shared, noisy disk here).
                boolean cpFirst = round % 2 == 1;
                double cp = 0;
                double merge = 0;
                PhaseTimes phases = new PhaseTimes();
                for (int side = 0; side < 2; side++) {
                    // untimed: each side starts alike, the other's output deleted and no write-back pending
                    Files.deleteIfExists(dir.resolve("copy.img"));
                    Files.deleteIfExists(dir.resolve("merged.img"));
                    run("sync");
                    if ((side == 0) == cpFirst) {
                        cp = time(() -> {
                            run("cp", "--sparse=always", origin.toString(), dir.resolve("copy.img").toString());
                            run("sync", dir.resolve("copy.img").toString());
                        });
                    } else {
                        merge = time(() -> {
                            OfflineMerge.toNewFile(origin, cow, dir.resolve("merged.img"), phases.start());
                            phases.stop();
                        });
                    }
                }
                ratios.add(cp / merge);
                System.out.printf(Locale.ROOT, "round %d (%s first): origin %s, %d exceptions: cp --sparse=always + sync %.3f s, "
                        + "offline merge %.3f s (%s), speed ratio (cp time / merge time) %.2f%n", round, cpFirst ? "cp" : "merge",
                        Units.human(size), exceptions, cp, merge, phases, cp / merge);
            }
            Collections.sort(ratios);
            System.out.printf(Locale.ROOT, "median speed ratio over %d rounds: %.2f (goal >= 0.8)%n", ROUNDS,
                    (ratios.get((ROUNDS - 1) / 2) + ratios.get(ROUNDS / 2)) / 2);
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

    /** Seconds spent in each phase the merge reports, to see where its time goes. */
    private static final class PhaseTimes implements Progress {
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private String phase = "setup";
        private long since = System.nanoTime();

        PhaseTimes start() {
            since = System.nanoTime();
            return this;
        }

        @Override
        public void begin(String name, long totalWork) {
            close();
            phase = name.replaceAll(" .*", "");
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        private void close() {
            long now = System.nanoTime();
            seconds.merge(phase, (now - since) / 1e9, Double::sum);
            since = now;
        }

        void stop() {
            close();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            seconds.forEach((name, s) -> out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", name, s)));
            return out.toString();
        }
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
