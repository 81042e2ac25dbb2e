package dev.cowscope.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowLayout;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidCowSize;
import dev.cowscope.cli.Cli;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.cli.ExitCode;
import dev.cowscope.input.RangesFile;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sizing on hostile input: a ranges file and typed option values. The only outcomes allowed are
 * a result or the documented refusal (IllegalArgumentException in the engine, exit 2 or 3 on the
 * command line); anything else propagates and is a crash to fix.
 */
class SizingFuzzTest {
    private static final String[] UNITS = {"", "s", "K", "M", "G", "T", "b", "KiB", "%", "x", " "};

    /** Ranges text or JSON → changed chunks → a plan at a fuzzed chunk size, margin and rounding unit. */
    @FuzzTest(maxDuration = "10m")
    void ranges(FuzzedDataProvider data) {
        long chunkSectors = data.consumeBoolean() ? 1L << data.consumeInt(0, 22) : data.consumeLong();
        long origin = data.consumeBoolean() ? 0 : data.consumeLong(0, Long.MAX_VALUE);
        String margin = data.consumeString(24);
        long round = data.consumeLong();
        String text = data.consumeRemainingAsString();
        try {
            List<ByteRange> ranges = RangesFile.parse(text, "fuzz");
            ChangedChunks changes = ChangedChunks.fromRanges(ranges, origin);
            SizingPlan.build(changes, List.of(chunkSectors), margin.isEmpty() ? Margin.NONE : Margin.parse(margin),
                    new RoundingUnit(round), ChunkSizeRule.SECTOR_DEVICES);
        } catch (IllegalArgumentException refused) {
            // a clear refusal naming what is wrong
        }
    }

    /** {@code size} and {@code merge compare} with fuzzed numeric options, in-process: never exit 4. */
    @FuzzTest(maxDuration = "10m")
    void sizeOptions(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        if (data.consumeBoolean()) {
            args.addAll(List.of("merge", "compare", "--changed-chunks", number(data), "--trial-writes", number(data),
                    "--overlap", number(data), "--cow-size", cowSize(data), "--chunk-size", size(data),
                    "--store", data.consumeBoolean() ? "P" : "PO"));
        } else {
            args.addAll(List.of("size", "--chunk-size", size(data)));
            args.addAll(data.consumeBoolean() ? List.of("--changed-chunks", number(data)) : List.of("--cow-size", size(data)));
            for (String option : List.of("--margin", "--round", "--origin-size", "--cow-block-size", "--origin-block-size")) {
                if (data.consumeBoolean()) {
                    args.add(option);
                    args.add(size(data));
                }
            }
            if (data.consumeBoolean()) {
                args.add("--json");
            }
        }
        assertNoInternalError(args);
    }

    /**
     * {@code size --old --new --android} on a small fixed pair (one moved, one zeroed, one new block) with fuzzed
     * version, compressions, compression factor, cluster ops, block size, margin and rounding: never exit 4.
     */
    @FuzzTest(maxDuration = "10m")
    void androidOptions(FuzzedDataProvider data) {
        Path[] pair = imagePair();
        List<String> args = new ArrayList<>(List.of("size", "--old", pair[0].toString(), "--new", pair[1].toString(), "--android",
                data.consumeBoolean() ? data.pickValue(new String[] {"v2", "v3", "2", "3"}) : data.consumeString(8)));
        int compressions = data.consumeInt(0, 3);
        for (int i = 0; i < compressions; i++) {
            args.add("--compression");
            args.add(data.consumeBoolean() ? data.pickValue(new String[] {"none", "gz", "gz,1", "lz4", "zstd", "zstd,19", "brotli", ""})
                    : data.consumeString(12));
        }
        for (String option : List.of("--compression-factor", "--cluster-ops", "--android-block-size", "--margin", "--round")) {
            if (data.consumeBoolean()) {
                args.add(option);
                args.add(option.equals("--cluster-ops") ? number(data) : size(data));
            }
        }
        if (data.consumeBoolean()) {
            args.add("--json");
        }
        assertNoInternalError(args);
    }

    /**
     * {@code size --ranges --android} in the engine: a hostile ranges text and fuzzed writer options → the upper-bound
     * plan, or the documented refusals (IllegalArgumentException for options, ArithmeticException for a COW past
     * 8 EiB). The ops are counted by size per run, so every input is quick (op by op, "0 1T" took seconds).
     */
    @FuzzTest(maxDuration = "10m")
    void androidRanges(FuzzedDataProvider data) {
        int version = data.consumeInt(1, 4);
        long blockSize = data.consumeBoolean() ? 512L << data.consumeInt(0, 7) : data.consumeLong();
        long clusterOps = data.consumeBoolean() ? data.consumeLong(0, 4096) : data.consumeLong();
        long factor = data.consumeBoolean() ? blockSize << data.consumeInt(0, 8) : data.consumeLong();
        long origin = data.consumeBoolean() ? 0 : data.consumeLong(0, Long.MAX_VALUE);
        String margin = data.consumeString(16);
        long round = data.consumeLong();
        String text = data.consumeRemainingAsString();
        try {
            List<ByteRange> ranges = RangesFile.parse(text, "fuzz");
            dev.cowscope.sizing.AndroidPairPlan.fromRanges(ranges, origin,
                    dev.cowscope.android.AndroidCowOptions.estimator(version, blockSize, clusterOps, factor),
                    margin.isEmpty() ? Margin.NONE : Margin.parse(margin), new RoundingUnit(round), ChunkSizeRule.SECTOR_DEVICES);
        } catch (IllegalArgumentException | ArithmeticException refused) {
            // a clear refusal naming what is wrong
        }
    }

    /**
     * An Android COW's layout from hostile bytes (AOSP's fixtures mutated: header values, ops): a size whose areas add up, or the documented
     * refusal (ArithmeticException: an area past 8 EiB).
     */
    @FuzzTest(maxDuration = "10m")
    void androidLayout(FuzzedDataProvider data) throws IOException {
        byte[] bytes = AndroidCowFuzzTest.mutated(data);
        AndroidCow cow;
        try {
            cow = new AndroidCowParser().parse(new ByteArrayBlockSource("fuzz.cow", bytes), OptionalLong.empty());
        } catch (IOException notAnAndroidCow) {
            return;
        }
        try {
            AndroidCowSize s = AndroidCowLayout.ofFile(cow).size();
            long sum = s.headerBytes() + s.scratchBytes() + s.sequenceBytes() + s.resumeBytes() + s.opBytes() + s.dataBytes()
                    + s.footerBytes();
            if (sum != s.cowSizeBytes() || s.cowSizeBytes() < 0) {
                throw new IllegalStateException("areas " + sum + " != cow_size " + s.cowSizeBytes());
            }
        } catch (ArithmeticException tooLarge) {
            // refused: the header describes more than a long holds
        }
    }

    private static Path[] pairCache;

    /** Two 16-block images in a temporary directory, made once per JVM. */
    private static synchronized Path[] imagePair() {
        if (pairCache == null) {
            try {
                Path dir = Files.createTempDirectory("cowscope-fuzz-android");
                byte[] old = new byte[16 * 4096];
                for (int i = 0; i < old.length; i++) {
                    old[i] = (byte) (i / 4096 * 31 + i % 251);
                }
                byte[] neu = old.clone();
                System.arraycopy(old, 3 * 4096, neu, 9 * 4096, 4096);
                java.util.Arrays.fill(neu, 5 * 4096, 6 * 4096, (byte) 0);
                java.util.Arrays.fill(neu, 12 * 4096, 13 * 4096, (byte) 7);
                Path a = Files.write(dir.resolve("old.img"), old);
                Path b = Files.write(dir.resolve("new.img"), neu);
                a.toFile().deleteOnExit();
                b.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                pairCache = new Path[] {a, b};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pairCache;
    }

    /** Runs the command line in-process: any exit but 4 (a bug) is a documented outcome. */
    private static void assertNoInternalError(List<String> args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        StringWriter err = new StringWriter();
        int code = Cli.execute(sink, new PrintWriter(err, true), args.toArray(String[]::new));
        assertNotEquals(ExitCode.INTERNAL, code, () -> String.join(" ", args) + " → " + err);
    }

    /** A count: mostly a long (edge values included), sometimes any text. */
    private static String number(FuzzedDataProvider data) {
        return data.consumeBoolean() ? Long.toString(data.consumeLong()) : data.consumeString(24);
    }

    /** A size: a long with a unit, or any text. */
    private static String size(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeString(24);
        }
        long n = data.consumeBoolean() ? data.consumeLong(0, 1 << 20) : data.consumeLong();
        return n + data.pickValue(UNITS);
    }

    /** The COW size of {@code merge compare}: any size (headroom is O(1), whatever the store's area count). */
    private static String cowSize(FuzzedDataProvider data) {
        return size(data);
    }
}
