package dev.cowscope.format;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parse speed and memory at scale (issue 2): a sparse 64 GiB COW with 4 KiB chunks and 16 M
 * exceptions (only the header and metadata chunks are written). Measured in the same run:
 * parse time ÷ time to just read the same metadata chunks into a buffer (goal ≤ 2), and heap
 * bytes per exception (goal ≤ 16).
 * <pre>mvn -Pbench -Dbench=dev.cowscope.format.ParseBenchmark   (args: exceptions, default 16777216)</pre>
 */
public final class ParseBenchmark {
    public static void main(String[] args) throws Exception {
        // 65280 full areas of 256: the most that fit a 64 GiB COW with 4 KiB chunks (16 M minus one area per 256)
        int exceptions = args.length > 0 ? Integer.parseInt(args[0]) : 65280 * 256;
        AreaLayout layout = new AreaLayout(8);
        long deviceBytes = 64L << 30;
        Path file = Files.createTempFile("cowscope-bench-", ".cow");
        try {
            long t0 = System.nanoTime();
            writeSparseCow(file, layout, exceptions, deviceBytes);
            System.out.printf(Locale.ROOT, "built %s: %d exceptions in a %s sparse COW (%.1f s)%n", file, exceptions,
                    Units.human(deviceBytes), (System.nanoTime() - t0) / 1e9);
            long areas = exceptions / layout.exceptionsPerArea() + 1;
            // 7 rounds, as the other ratio benchmarks: the first is a cold JVM (JIT, and every page of the heap touched
            // for the first time), and on this VM G1 gives heap back after a concurrent cycle, so a round or two after
            // it touch fresh pages again (~11 us each); the median is of all rounds, the cold one is printed too
            double[] baseline = new double[7];
            double[] parse = new double[7];
            CowImage image = null;
            for (int round = 0; round < baseline.length; round++) {
                image = null; // a parse does not keep the one before it alive: its table is garbage, not live data for the GC to move
                baseline[round] = timeReadMetadata(file, layout, areas);
                long start = System.nanoTime();
                image = CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE);
                parse[round] = (System.nanoTime() - start) / 1e9;
            }
            System.out.printf(Locale.ROOT, "rounds (read, parse): %s%n", java.util.stream.IntStream.range(0, parse.length)
                    .mapToObj(r -> String.format(Locale.ROOT, "%.3f %.3f", baseline[r], parse[r])).toList());
            System.out.printf(Locale.ROOT, "first round (cold JVM): read %.3f s, parse %.3f s, ratio %.2f%n", baseline[0], parse[0],
                    parse[0] / baseline[0]);
            Arrays.sort(baseline);
            Arrays.sort(parse);
            double b = baseline[baseline.length / 2];
            double p = parse[parse.length / 2];
            double[] scan = new double[5];
            for (int round = 0; round < scan.length; round++) {
                long start = System.nanoTime();
                DuplicateScan.duplicatedOldChunks(image.exceptions());
                scan[round] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(scan);
            double d = scan[scan.length / 2];
            System.gc();
            long retained = image.exceptions().retainedBytes();
            System.out.printf(Locale.ROOT, "read metadata chunks only: %.3f s (median of %d)%n", b, baseline.length);
            System.out.printf(Locale.ROOT, "parse (CowReader):         %.3f s (median of %d)  status %s%n", p, parse.length,
                    image.usage().orElseThrow().params());
            System.out.printf(Locale.ROOT, "  the duplicate old-chunk scan of the whole table, alone: %.3f s (the parse buckets the keys "
                    + "during the walk and runs only its bitmap test after it)%n", d);
            System.out.printf(Locale.ROOT, "RATIO parse / read = %.2f (goal <= 2.00)%n", p / b);
            System.out.printf(Locale.ROOT, "HEAP bytes per exception = %.2f (goal <= 16; table columns, %s for %d)%n",
                    (double) retained / image.exceptions().size(), Units.human(retained), image.exceptions().size());
            long beforeIndex = usedHeap();
            int[] sorted = image.exceptions().sortedByOld();
            long afterIndex = usedHeap();
            System.out.printf(Locale.ROOT, "lookup index (built on demand: sorted order + sorted keys): +%.2f bytes per exception (%d entries)%n",
                    (double) Math.max(0, afterIndex - beforeIndex) / sorted.length, sorted.length);
        } finally {
            if (System.getProperty("keep") == null) Files.deleteIfExists(file);
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Reads every metadata chunk the parser reads, with the same positional reads, and nothing else. */
    private static double timeReadMetadata(Path file, AreaLayout layout, long areas) throws Exception {
        long start = System.nanoTime();
        long checksum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) layout.chunkSizeBytes());
            buffer.clear();
            ch.read(buffer, 0);
            for (long a = 0; a < areas; a++) {
                buffer.clear();
                ch.read(buffer, layout.chunkOffsetBytes(layout.areaLocation(a)));
                checksum += buffer.get(8);
            }
        }
        if (checksum == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Distinct, scattered origin chunks: multiplying by an odd number permutes the integers mod 2^28. */
    private static long distinctOldChunk(long i) {
        return (i * 0x9E3779B1L) & ((1L << 28) - 1);
    }

    /** Header + full areas of random old chunks, allocated in kernel order; data chunks stay holes. */
    static void writeSparseCow(Path file, AreaLayout layout, int exceptions, long deviceBytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new DiskHeader(DiskHeader.SNAP_MAGIC, 1, 1, layout.chunkSizeSectors()).encode()), 0);
            int perArea = (int) layout.exceptionsPerArea();
            ByteBuffer area = ByteBuffer.allocate((int) layout.chunkSizeBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int a = 0; a <= exceptions / perArea; a++) {
                area.clear();
                Arrays.fill(area.array(), (byte) 0);
                for (int s = 0; s < perArea; s++) {
                    long i = (long) a * perArea + s;
                    if (i >= exceptions) {
                        break;
                    }
                    area.putLong(16 * s, distinctOldChunk(i)).putLong(16 * s + 8, layout.sequentialChunk(i));
                }
                ch.write(area, layout.chunkOffsetBytes(layout.areaLocation(a)));
            }
            ch.write(ByteBuffer.allocate(1), deviceBytes - 1);
        }
    }

}
