package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.NullChannel;
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
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * The Android target image at scale: a generated source image and a v3 lz4 COW with an op on 7 blocks of 8
 * (2 COPY, 3 REPLACE, 1 ZERO, 1 XOR), parsed and streamed to a discarding sink. Printed against a floor
 * measured in the same run: reading the source image and the COW once, sequentially (page cache warm for both).
 * <pre>mvn -Pbench -Dbench=dev.cowscope.android.TargetImageBenchmark   (args: blocks, default 262144 = 1 GiB)</pre>
 */
public final class TargetImageBenchmark {
    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 18;
        Path source = Files.createTempFile("cowscope-target-src-", ".img");
        Path cow = Files.createTempFile("cowscope-target-", ".cow");
        try {
            long ops = generate(source, cow, blocks);
            double[] parse = new double[7];
            double[] image = new double[7];
            double[] hashed = new double[7];
            double[] floor = new double[7];
            for (int round = 0; round < image.length; round++) {
                floor[round] = timeRead(source) + timeRead(cow);
                try (BlockSource src = BlockSources.open(source); BlockSource c = BlockSources.open(cow)) {
                    long t0 = System.nanoTime();
                    AndroidCow parsed = new AndroidCowParser().parse(c, OptionalLong.empty());
                    long t1 = System.nanoTime();
                    new TargetImage(src, c, parsed).stream(new NullChannel(), Progress.NONE, false);
                    long t2 = System.nanoTime();
                    new TargetImage(src, c, parsed).stream(new NullChannel(), Progress.NONE, true);
                    hashed[round] = (System.nanoTime() - t2) / 1e9;
                    parse[round] = (t1 - t0) / 1e9;
                    image[round] = (t2 - t1) / 1e9;
                }
            }
            System.out.printf(Locale.ROOT, "rounds (floor, parse + image) s: %s%n", java.util.stream.IntStream.range(0, image.length)
                    .mapToObj(r -> String.format(Locale.ROOT, "%.3f %.3f", floor[r], parse[r] + image[r])).toList());
            double f = median(floor);
            double total = median(parse) + median(image);
            System.out.printf(Locale.ROOT, "%d blocks (%.2f GiB), %d ops, COW %.1f MB%n", blocks, blocks / 262144.0, ops,
                    Files.size(cow) / 1e6);
            System.out.printf(Locale.ROOT, "parse %.3f s, image %.3f s (%.0f MB/s); with sha256 %.3f s%n", median(parse),
                    median(image), blocks * 4096.0 / median(image) / 1e6, median(hashed));
            System.out.printf(Locale.ROOT, "floor: read source + COW %.3f s; RATIO speed (floor / (parse + image)) = %.2f (goal >= 0.7)%n",
                    f, f / total);
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(cow);
        }
    }

    /** Writes both files; returns the op count. */
    static long generate(Path source, Path cow, int blocks) throws IOException {
        LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().highCompressor();
        byte[][] replace = new byte[16][];
        byte[][] xor = new byte[16][];
        for (int k = 0; k < 16; k++) {
            replace[k] = lz4.compress(FixtureImages.textBlock("new", k));
            byte[] delta = new byte[4096];
            delta[k * 100] = 1; // a small change to the source block: XOR data is nearly all zeros
            xor[k] = lz4.compress(delta);
        }
        try (FileChannel out = FileChannel.open(source, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (long b = 0; b < blocks; b++) {
                for (int k = 0; k < 512; k++) {
                    chunk.putLong(b * 0x9E3779B97F4A7C15L + k);
                }
                if (!chunk.hasRemaining()) {
                    chunk.flip();
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    chunk.clear();
                }
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }
        long ops = 0;
        try (V3CowWriter w = new V3CowWriter(cow, 3, blocks)) {
            for (int b = 0; b < blocks; b++) {
                switch (b % 8) {
                    case 0, 1 -> w.copy(b, (b + 8) % blocks);
                    case 2, 3, 4 -> w.replace(b, 0, replace[b % 16]);
                    case 5 -> w.zero(b);
                    case 6 -> w.xor(b, (long) b * 4096 + 123 > (long) (blocks - 1) * 4096 ? 0 : (long) b * 4096 + 123, xor[b % 16]);
                    default -> {
                        continue;
                    }
                }
                ops++;
            }
        }
        return ops;
    }

    private static double timeRead(Path file) throws IOException {
        long start = System.nanoTime();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
            while (in.read(buffer) >= 0) {
                buffer.clear();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
