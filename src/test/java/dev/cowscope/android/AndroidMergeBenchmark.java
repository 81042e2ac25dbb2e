package dev.cowscope.android;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.report.AndroidMergePlanReport;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Merge preparation at scale (issue 15): the 1 M-op v3 file of {@link MillionOpMergeTest} written to a
 * temporary file, then parse, {@code PrepMergeOps} + {@code VerifyMergeOps}, and the streamed
 * {@code merge plan --json --steps} report (to a counting writer), each timed, with the heap in use after
 * each step.
 * <pre>mvn -Pbench -Dbench=dev.cowscope.android.AndroidMergeBenchmark</pre>
 */
public final class AndroidMergeBenchmark {
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("cowscope-bench-", ".cow");
        try {
            Files.write(file, MillionOpMergeTest.millionOps());
            for (int round = 0; round < 3; round++) {
                try (BlockSource source = BlockSources.open(file)) {
                    long t0 = System.nanoTime();
                    AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
                    long t1 = System.nanoTime();
                    AndroidMergePlan plan = new AndroidMergeOrder().prepare(cow, source, false);
                    long t2 = System.nanoTime();
                    long[] chars = new long[1];
                    AndroidMergePlanReport.write(cow, plan, true, false, new Writer() {
                        @Override
                        public void write(char[] buffer, int offset, int length) {
                            chars[0] += length;
                        }

                        @Override
                        public void flush() {
                        }

                        @Override
                        public void close() {
                        }
                    });
                    long t3 = System.nanoTime();
                    System.gc();
                    long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                    System.out.printf(Locale.ROOT, "%d ops: parse %.3f s, merge preparation + verify %.3f s, JSON of every "
                                    + "step %.3f s (%d MB); heap in use with the ops and the plan: %d MB (%s)%n",
                            cow.ops().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, chars[0] >> 20, heap >> 20,
                            plan.verifyOk() ? "consistent" : plan.verifyError());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
