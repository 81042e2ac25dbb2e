package dev.cowscope.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.cli.Cli;
import dev.cowscope.cli.ExitCode;
import dev.cowscope.input.RangesFile;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

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
