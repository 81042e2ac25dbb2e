package dev.cowscope.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Opening a gzip'd COW without a full-size copy (issue 16): a 4 GiB COW, 4 KiB chunks, 1 M
 * exceptions whose data chunks are not zero (a repeating pattern with the chunk number, so they
 * compress well), the rest of the device zero. The image is written straight into the gzip
 * stream, never whole on disk. Measured in the same run, alternating: the open as every verb
 * does it ({@code BlockSources.open} + {@code CowReader}) against {@code zcat FILE > /dev/null}
 * of the same file. Goal: RATIO ≤ 1.5, with {@code java.io.tmpdir} on a 96 MiB tmpfs (the image
 * does not fit there: the open must not need it).
 * <pre>
 * mount -t tmpfs -o size=96m tmpfs /mnt/cowtmp
 * mvn -Pbench -Dbench=dev.cowscope.format.GzipOpenBenchmark -Dbench.jvm=-Djava.io.tmpdir=/mnt/cowtmp
 *     [-Dbench.args="EXCEPTIONS DEVICE_GIB ROUNDS"]   (defaults 1000000 4 3)
 * </pre>
 * The .gz is kept under {@code target/bench/} and reused by later runs.
 */
public final class GzipOpenBenchmark {
    public static void main(String[] args) throws Exception {
        int exceptions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long deviceBytes = (args.length > 1 ? Long.parseLong(args[1]) : 4) << 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        AreaLayout layout = new AreaLayout(8);
        Path gz = Path.of("target", "bench", String.format(Locale.ROOT, "cow-%d-%dG.img.gz", exceptions, deviceBytes >> 30));
        if (!Files.exists(gz)) {
            long t0 = System.nanoTime();
            Files.createDirectories(gz.getParent());
            Path part = gz.resolveSibling(gz.getFileName() + ".part");
            writeGzipCow(part, layout, exceptions, deviceBytes);
            Files.move(part, gz, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "built %s (%.1f s)%n", gz, (System.nanoTime() - t0) / 1e9);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        System.out.printf(Locale.ROOT, "%s: %s compressed, a %s COW with %d exceptions; java.io.tmpdir %s (%s free of %s)%n",
                gz, Units.human(Files.size(gz)), Units.human(deviceBytes), exceptions, tmp,
                Units.human(Files.getFileStore(tmp).getUsableSpace()), Units.human(Files.getFileStore(tmp).getTotalSpace()));

        double[] open = new double[rounds];
        double[] zcat = new double[rounds];
        double[] inflate = new double[rounds];
        long tmpFreeLowest = Long.MAX_VALUE;
        CowImage image = null;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("zcat", gz.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("zcat failed: " + p.exitValue());
            }
            zcat[round] = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            long produced = decodeOnly(gz);
            inflate[round] = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            try (BlockSource source = BlockSources.open(gz, Progress.NONE)) {
                image = new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
                tmpFreeLowest = Math.min(tmpFreeLowest, Files.getFileStore(tmp).getUsableSpace());
            }
            open[round] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: zcat %.2f s, decode alone %.2f s (%s), open %.2f s%n", round + 1, zcat[round],
                    inflate[round], Units.human(produced), open[round]);
        }
        if (image.exceptions().size() != exceptions) {
            throw new IllegalStateException("read " + image.exceptions().size() + " exceptions, expected " + exceptions);
        }
        Arrays.sort(open);
        Arrays.sort(zcat);
        Arrays.sort(inflate);
        double o = open[rounds / 2];
        double z = zcat[rounds / 2];
        System.out.printf(Locale.ROOT, "zcat > /dev/null:          %.3f s (median of %d)%n", z, rounds);
        System.out.printf(Locale.ROOT, "open (BlockSources + CowReader): %.3f s (median of %d)  status %s, %d exceptions, %d findings%n",
                o, rounds, image.usage().map(SnapshotStatus::params).orElse("-"), image.exceptions().size(), image.findings().size());
        System.out.printf(Locale.ROOT, "java.io.tmpdir free space while open: %s at the lowest%n", Units.human(tmpFreeLowest));
        System.out.printf(Locale.ROOT, "decode alone (the open's decoder, output dropped): %.3f s (median of %d); open / decode alone = %.2f%n",
                inflate[rounds / 2], rounds, o / inflate[rounds / 2]);
        System.out.printf(Locale.ROOT, "RATIO open / zcat = %.2f (goal <= 1.50)%n", o / z);
    }

    /** The open's own decoder with nothing done to its output: what the open costs at least. */
    private static long decodeOnly(Path gz) throws IOException {
        byte[] buffer = new byte[CompressedBlockSource.BUFFER_BYTES];
        long produced = 0;
        try (CompressedBlockSource.Decoder decoder = new CompressedBlockSource.Decoder(gz, Compression.GZIP, Files.size(gz), Progress.NONE)) {
            for (int n; (n = decoder.fill(buffer, 0, buffer.length)) > 0; ) {
                produced += n;
            }
        }
        return produced;
    }

    /** The COW in kernel order, chunk by chunk, straight into a gzip stream. */
    static void writeGzipCow(Path file, AreaLayout layout, int exceptions, long deviceBytes) throws IOException {
        int chunkBytes = (int) layout.chunkSizeBytes();
        long perArea = layout.exceptionsPerArea();
        long deviceChunks = deviceBytes / chunkBytes;
        ByteBuffer chunk = ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] zero = new byte[chunkBytes];
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), 1 << 16)) {
            long allocated = 0;
            for (long c = 0; c < deviceChunks; c++) {
                Arrays.fill(chunk.array(), (byte) 0);
                if (c == 0) {
                    chunk.putInt(0, (int) DiskHeader.SNAP_MAGIC).putInt(4, 1).putInt(8, 1).putInt(12, (int) layout.chunkSizeSectors());
                    out.write(chunk.array());
                } else if (layout.isMetadataChunk(c)) {
                    long area = layout.areaOfChunk(c);
                    for (long k = 0; k < perArea; k++) {
                        long index = area * perArea + k;
                        if (index >= exceptions) {
                            break;
                        }
                        chunk.putLong((int) (16 * k), index * 3 + 1).putLong((int) (16 * k + 8), c + 1 + k);
                    }
                    out.write(chunk.array());
                } else if (allocated < exceptions) {
                    for (int i = 0; i < chunkBytes; i += 16) {
                        chunk.putLong(i, c).putLong(i + 8, 0x5a5a5a5a_5a5a5a5aL);
                    }
                    out.write(chunk.array());
                    allocated++;
                } else {
                    out.write(zero);
                }
            }
        }
    }
}
