package dev.cowscope.format;

import dev.cowscope.report.ExceptionsWriter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code exceptions --sorted --csv} at scale: the 16.7 M-exception COW of {@link ParseBenchmark},
 * parsed, sorted by old chunk and written as CSV to {@code /dev/null}. Printed against a floor
 * measured in the same run: writing the same number of bytes from a ready buffer.
 * <pre>mvn -Pbench -Dbench=dev.cowscope.format.ExportBenchmark   (args: exceptions, default 16711680)</pre>
 */
public final class ExportBenchmark {
    public static void main(String[] args) throws Exception {
        int exceptions = args.length > 0 ? Integer.parseInt(args[0]) : 65280 * 256;
        Path file = Files.createTempFile("cowscope-export-", ".cow");
        try {
            ParseBenchmark.writeSparseCow(file, new AreaLayout(8), exceptions, 64L << 30);
            double[] parse = new double[5];
            double[] sort = new double[5];
            double[] write = new double[5];
            double[] floor = new double[5];
            double[] diskOrder = new double[5];
            long bytes = 0;
            for (int round = 0; round < parse.length; round++) {
                long t0 = System.nanoTime();
                CowImage image = CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE);
                long t1 = System.nanoTime();
                image.exceptions().sortedByOld();
                long t2 = System.nanoTime();
                CountingWriter out = new CountingWriter();
                ExceptionsWriter.csv(image.exceptions(), true, out, Progress.NONE);
                long t3 = System.nanoTime();
                ExceptionsWriter.csv(image.exceptions(), false, new CountingWriter(), Progress.NONE);
                diskOrder[round] = (System.nanoTime() - t3) / 1e9;
                parse[round] = (t1 - t0) / 1e9;
                sort[round] = (t2 - t1) / 1e9;
                write[round] = (t3 - t2) / 1e9;
                bytes = out.chars;
                floor[round] = timeWriteBytes(bytes);
            }
            System.out.printf(Locale.ROOT, "rounds (parse, sort, format+write) s: %s%n", java.util.stream.IntStream.range(0, parse.length)
                    .mapToObj(r -> String.format(Locale.ROOT, "%.3f %.3f %.3f", parse[r], sort[r], write[r])).toList());
            double p = median(parse);
            double s = median(sort);
            double w = median(write);
            double f = median(floor);
            System.out.printf(Locale.ROOT, "%d exceptions, %.1f MB of CSV%n", exceptions, bytes / 1e6);
            System.out.printf(Locale.ROOT, "parse %.3f s, sort %.3f s, format+write %.3f s: total %.3f s (goal <= 2 s after start-up)%n",
                    p, s, w, p + s + w);
            System.out.printf(Locale.ROOT, "format+write in disk order (no --sorted): %.3f s%n", median(diskOrder));
            System.out.printf(Locale.ROOT, "floor: the same bytes written from a buffer %.3f s; RATIO format+write / floor = %.2f%n",
                    f, w / f);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes {@code bytes} bytes of a prepared line to /dev/null through the same writer stack the CLI uses. */
    private static double timeWriteBytes(long bytes) throws Exception {
        char[] line = "123,45,1234567,89012345\n".toCharArray();
        long start = System.nanoTime();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of("/dev/null")), StandardCharsets.UTF_8), 1 << 16)) {
            for (long written = 0; written < bytes; written += line.length) {
                out.write(line);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** /dev/null through the CLI's writer stack (UTF-8 encoder, 64 KiB buffer), counting chars. */
    private static final class CountingWriter extends Writer {
        private final Writer out;
        long chars;

        CountingWriter() throws Exception {
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of("/dev/null")), StandardCharsets.UTF_8), 1 << 16);
        }

        @Override
        public void write(char[] buffer, int off, int len) throws java.io.IOException {
            chars += len;
            out.write(buffer, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            out.close();
        }
    }
}
