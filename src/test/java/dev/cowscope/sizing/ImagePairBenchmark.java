package dev.cowscope.sizing;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;

/**
 * Not a unit test (surefire skips *Benchmark*): times the image-pair pass against just reading
 * both images the same way (4 MiB direct buffers, sequential), in the same run, and prints the
 * ratio of their speeds (goal ≥ 0.7).
 * <pre>
 * java -cp target/classes:target/test-classes dev.cowscope.sizing.ImagePairBenchmark [SIZE [DIR]]
 * </pre>
 * SIZE defaults to 4G; the two files are written to DIR (default: a new temporary directory) and deleted afterwards.
 */
public final class ImagePairBenchmark {
    private static final int ROUNDS = 3;

    private ImagePairBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        long sizeBytes = Units.parseBytes(args.length > 0 ? args[0] : "4G");
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("cowscope-bench-");
        Path oldPath = dir.resolve("old.img");
        Path newPath = dir.resolve("new.img");
        try {
            long changes = writeImages(oldPath, newPath, sizeBytes);
            out.printf(Locale.ROOT, "images: 2 x %s, %d scattered changes, in %s%n", Units.human(sizeBytes), changes, dir);
            long bestRead = Long.MAX_VALUE;
            long bestScan = Long.MAX_VALUE;
            ChangedChunks result = null;
            readBoth(oldPath, newPath); // warm the page cache
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                readBoth(oldPath, newPath);
                long t1 = System.nanoTime();
                try (BlockSource a = BlockSources.open(oldPath); BlockSource b = BlockSources.open(newPath)) {
                    result = ChangedChunks.fromImagePair(a, b, Progress.NONE);
                }
                long t2 = System.nanoTime();
                bestRead = Math.min(bestRead, t1 - t0);
                bestScan = Math.min(bestScan, t2 - t1);
                out.printf(Locale.ROOT, "round %d: read both %.3f s, image-pair pass %.3f s%n", round + 1, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            }
            double mibs = 2.0 * sizeBytes / (1 << 20);
            out.printf(Locale.ROOT, "best: read both %.3f s (%.0f MiB/s), pass %.3f s (%.0f MiB/s)%n",
                    bestRead / 1e9, mibs / (bestRead / 1e9), bestScan / 1e9, mibs / (bestScan / 1e9));
            out.printf(Locale.ROOT, "ratio pass/read speed: %.2f (goal >= 0.70)%n", (double) bestRead / bestScan);
            out.printf(Locale.ROOT, "changed: %d sectors, %d 4K chunks, %d 1M chunks, %d bytes differ%n",
                    result.changedChunks(1), result.changedChunks(8), result.changedChunks(2048), result.changedBytes());
        } finally {
            Files.deleteIfExists(oldPath);
            Files.deleteIfExists(newPath);
            if (args.length < 2) {
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Old: non-zero pseudo-random data; new: the same with a change every ~1 MiB on average. */
    private static long writeImages(Path oldPath, Path newPath, long sizeBytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[ImagePairScan.BUFFER_BYTES];
        random.nextBytes(block);
        long changes = 0;
        try (FileChannel oldOut = FileChannel.open(oldPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannel newOut = FileChannel.open(newPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long at = 0; at < sizeBytes; at += block.length) {
                int length = (int) Math.min(block.length, sizeBytes - at);
                ByteBuffer.wrap(block).putLong(0, at);
                oldOut.write(ByteBuffer.wrap(block, 0, length), at);
                byte[] changed = block.clone();
                for (int i = 0; i < 4; i++) {
                    int offset = random.nextInt(length);
                    int run = random.nextInt(4) == 0 ? Math.min(65536, length - offset) : 1;
                    for (int j = offset; j < offset + run; j++) {
                        changed[j] ^= 0x5a;
                    }
                    changes++;
                }
                newOut.write(ByteBuffer.wrap(changed, 0, length), at);
            }
        }
        return changes;
    }

    private static void readBoth(Path oldPath, Path newPath) throws IOException {
        ByteBuffer a = ByteBuffer.allocateDirect(ImagePairScan.BUFFER_BYTES);
        ByteBuffer b = ByteBuffer.allocateDirect(ImagePairScan.BUFFER_BYTES);
        try (BlockSource oldImage = BlockSources.open(oldPath); BlockSource newImage = BlockSources.open(newPath)) {
            long size = Math.min(oldImage.sizeBytes(), newImage.sizeBytes());
            for (long at = 0; at < size; at += a.capacity()) {
                int length = (int) Math.min(a.capacity(), size - at);
                a.clear().limit(length);
                b.clear().limit(length);
                oldImage.readFully(at, a);
                newImage.readFully(at, b);
            }
        }
    }
}
