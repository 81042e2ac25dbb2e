package dev.cowscope.cli;

import dev.cowscope.android.AndroidBlockCompressor;
import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowLayout;
import dev.cowscope.android.AndroidCowOptions;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidCowSize;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import dev.cowscope.report.SizeJson;
import dev.cowscope.sizing.AndroidPairPlan;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/** The Android side of {@code size}: {@code --android} with an image pair, and {@code --android-cow}. */
final class AndroidSizing {
    private static final String DEVICE_NOTE =
            "device = cow_size + 1% (update_engine's estimate_cow_size) + 2 MiB, rounded up to 4K (libsnapshot).";
    /** Notes printed under every estimate (and listed in its JSON). */
    static final List<String> NOTES = List.of(
            "XOR ops are not produced: they come from update_engine's binary diffs (bsdiff, puffdiff), not computed here; "
                    + "a block an OTA would XOR is a REPLACE here.",
            "COPY = a new block found byte for byte elsewhere in the old image; update_engine may turn COPY cycles into "
                    + "REPLACE, and writes one label per install operation (20 bytes each in v2): the +1% covers such differences.",
            DEVICE_NOTE);
    /** Notes printed under a ranges estimate. */
    static final List<String> RANGES_NOTES = List.of(
            "Upper bound: every block a range touches is a REPLACE stored raw. The writer stores an op raw when compression "
                    + "does not shrink it, and a COPY, ZERO or XOR op of the block stores no more, so no content needs more; "
                    + "compressed sizes need the content: give --old and --new.",
            DEVICE_NOTE);

    private final Function<String, ParameterException> usage;
    private final BiFunction<String, String, Long> bytes;

    AndroidSizing(Function<String, ParameterException> usage, BiFunction<String, String, Long> bytes) {
        this.usage = usage;
        this.bytes = bytes;
    }

    Object estimate(PrintWriter out, boolean json, Path oldImage, Path newImage, String version, List<String> compressionTexts,
                    String factorText, String clusterOpsText, String blockSizeText, Margin margin, RoundingUnit unit,
                    ChunkSizeRule rule, Progress progress) throws IOException {
        AndroidCowOptions options = options(version, factorText, clusterOpsText, blockSizeText);
        List<AndroidBlockCompressor.Compression> compressions = new ArrayList<>();
        for (String text : compressionTexts.isEmpty() ? List.of("gz") : compressionTexts) {
            AndroidBlockCompressor.Compression c = parse("--compression", () -> AndroidBlockCompressor.Compression.parse(text));
            if (c.algorithm() == AndroidBlockCompressor.Algorithm.BROTLI) {
                throw usage.apply("--compression brotli: there is no maintained Java brotli encoder (org.brotli:dec only decodes), "
                        + "so a brotli COW cannot be sized here; use none, gz, lz4 or zstd");
            }
            if (!compressions.contains(c)) {
                compressions.add(c);
            }
        }
        AndroidPairPlan plan;
        try (BlockSource before = BlockSources.open(oldImage, progress);
             BlockSource after = BlockSources.open(newImage, progress)) {
            plan = AndroidPairPlan.estimate(before, after, options, compressions, margin, unit, rule, progress);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw usage.apply("--android: " + e.getMessage()); // a block size, margin or rounding the plan refuses
        } finally {
            TerminalProgress.finish(progress);
        }
        if (!json) {
            AndroidCowOptions o = plan.options();
            String input = String.format(Locale.ROOT, "Old image         %s%nNew image         %s, %s", oldImage, newImage,
                    SizeText.sized(plan.blocks() * o.blockSize()));
            String blocks = String.format(Locale.ROOT, "%d of %d bytes: %d unchanged, %d COPY (moved), %d ZERO, %d REPLACE in %d ops, 0 XOR",
                    plan.blocks(), o.blockSize(), plan.unchangedBlocks(), plan.copyBlocks(), plan.zeroBlocks(), plan.replaceBlocks(),
                    plan.replaceOps());
            text(out, plan, input, blocks, NOTES);
        }
        return SizeJson.AndroidPlan.of(plan, "android-plan", NOTES);
    }

    /** {@code --ranges} with {@code --android}: the upper bound for a change known only by where it is. */
    Object estimateRanges(PrintWriter out, boolean json, Path rangesFile, List<ByteRange> ranges, long originSizeBytes,
                          String version, String factorText, String clusterOpsText, String blockSizeText, Margin margin,
                          RoundingUnit unit, ChunkSizeRule rule) {
        AndroidCowOptions options = options(version, factorText, clusterOpsText, blockSizeText);
        AndroidPairPlan plan;
        try {
            plan = AndroidPairPlan.fromRanges(ranges, originSizeBytes, options, margin, unit, rule);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw usage.apply("--android: " + e.getMessage());
        }
        if (!json) {
            String input = String.format(Locale.ROOT, "Ranges            %s: %d ranges%s", rangesFile, ranges.size(),
                    originSizeBytes > 0 ? ", origin " + SizeText.sized(originSizeBytes) : "");
            String blocks = String.format(Locale.ROOT, "%d of %d bytes touched by the ranges%s, each a REPLACE stored raw, in %d ops",
                    plan.replaceBlocks(), options.blockSize(), originSizeBytes > 0 ? " (of " + plan.blocks() + ")" : "",
                    plan.replaceOps());
            text(out, plan, input, blocks, RANGES_NOTES);
        }
        return SizeJson.AndroidPlan.of(plan, "android-ranges", RANGES_NOTES);
    }

    private AndroidCowOptions options(String version, String factorText, String clusterOpsText, String blockSizeText) {
        int v = switch (version.trim().toLowerCase(Locale.ROOT)) {
            case "v2", "2" -> 2;
            case "v3", "3" -> 3;
            default -> throw usage.apply("--android " + version + ": give v2 or v3");
        };
        if (v == 2 && factorText != null) {
            throw usage.apply("--compression-factor is for --android v3: v2 writes one op per block");
        }
        long blockSize = blockSizeText == null ? AndroidCowOptions.DEFAULT_BLOCK_SIZE : bytes.apply("--android-block-size", blockSizeText);
        if (blockSize < 512 || blockSize > 32768 || !Units.isPowerOfTwo(blockSize)) {
            throw usage.apply("--android-block-size " + blockSizeText + ": give a power of two from 512 to 32K (Android uses 4K)");
        }
        long factor = factorText == null ? blockSize : bytes.apply("--compression-factor", factorText);
        if (factor < blockSize || factor % blockSize != 0 || !Units.isPowerOfTwo(factor / blockSize)
                || factor / blockSize > 1L << AndroidCowOptions.MAX_COMPRESSION_BITS) {
            throw usage.apply("--compression-factor " + factorText + ": give the block size times 1, 2, 4 … 128 (4K … 512K for 4K blocks)");
        }
        long clusters = AndroidCowOptions.DEFAULT_CLUSTER_OPS;
        if (clusterOpsText != null) {
            clusters = parse("--cluster-ops", () -> Units.parseCount(clusterOpsText));
        }
        long cl = clusters;
        return parse("--cluster-ops", () -> AndroidCowOptions.estimator(v, blockSize, cl, factor));
    }

    private <T> T parse(String option, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw usage.apply(option + ": " + e.getMessage());
        }
    }

    private static void text(PrintWriter out, AndroidPairPlan p, String input, String blocks, List<String> notes) {
        AndroidCowOptions o = p.options();
        out.printf(Locale.ROOT, "%s%nBlocks            %s%n", input, blocks);
        out.printf(Locale.ROOT, "Writer            Android COW v%d, %s, cluster_ops %d, scratch %s, as update_engine's estimator%n",
                o.version(), o.version() >= 3 ? "compression factor " + Units.compact(o.compressionFactor()) : "one op per block",
                o.clusterOps(), Units.compact(o.bufferBytes()));
        out.printf(Locale.ROOT, "Margin            %s = %d bytes; round up to %s%n%n", p.dm().margin().describe(), p.dm().marginBytes(),
                Units.compact(p.dm().roundingUnit().bytes()));
        String format = "%-10s %9s %10s %9s %8s %12s %14s %8s %14s %14s %14s %14s%n";
        out.printf(Locale.ROOT, format, "android", "header", "scratch", "sequence", "resume", "ops", "data", "footer",
                "cow_size", "+1% manifest", "device", "allocate");
        for (AndroidPairPlan.Row r : p.rows()) {
            AndroidCowSize s = r.size();
            out.printf(Locale.ROOT, format, r.compression(), s.headerBytes(), s.scratchBytes(), s.sequenceBytes(), s.resumeBytes(),
                    s.opBytes(), s.dataBytes(), s.footerBytes(), s.cowSizeBytes(), r.manifestBytes(), r.deviceBytes(),
                    Units.human(r.allocationBytes()));
        }
        SizingRow dm = p.dmRow();
        out.printf(Locale.ROOT, "%ndm-snapshot       %s chunks: %d changed + %d margin, COW %s, allocate %s (%d bytes)%n",
                Units.compact(dm.cowSize().chunkSizeBytes()), dm.changedChunks(), dm.marginChunks(),
                SizeText.sized(dm.cowSize().totalBytes()), Units.human(dm.allocationBytes()), dm.allocationBytes());
        if (p.indexedOldBlocks() > 0) {
            out.printf(Locale.ROOT, "Index             %d old blocks indexed (8 bytes each), %d hash candidates rejected by bytes%n",
                    p.indexedOldBlocks(), p.hashCollisions());
        }
        out.println();
        notes.forEach(n -> out.println("Note: " + n));
    }

    /** {@code --android-cow}: the file's areas as its writer sized them, beside its actual size. */
    static Object layout(PrintWriter out, Path file, boolean json) throws IOException {
        AndroidCow cow = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
        AndroidCowSize s;
        try {
            s = AndroidCowLayout.ofFile(cow).size();
        } catch (ArithmeticException e) {
            throw new IOException(file + ": its header describes areas larger than 8 EiB: " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (!cow.parseOk()) {
            notes.add("AOSP's parse fails (" + cow.error() + "): sized from the " + cow.ops().size() + " ops read before");
        }
        if (s.cowSizeBytes() != cow.sizeBytes()) {
            notes.add(String.format(Locale.ROOT, "the file is %d bytes, the writer's size %d: not finalized, or written by "
                    + "something else", cow.sizeBytes(), s.cowSizeBytes()));
        }
        if (!s.fits()) {
            notes.add("more ops than op_count_max: a v3 writer refuses that");
        }
        if (!json) {
            out.printf(Locale.ROOT, "File              %s, %s, Android COW v%d%n%n", file, SizeText.sized(cow.sizeBytes()), cow.version());
            String format = "%-10s %14s%n";
            out.printf(Locale.ROOT, format, "header", s.headerBytes());
            out.printf(Locale.ROOT, format, "scratch", s.scratchBytes());
            if (s.version() >= 3) {
                out.printf(Locale.ROOT, format, "sequence", s.sequenceBytes());
                out.printf(Locale.ROOT, format, "resume", s.resumeBytes());
            }
            out.printf(Locale.ROOT, "%-10s %14d  (%d ops%s)%n", "ops", s.opBytes(), s.ops(), s.version() >= 3
                    ? ", op_count_max " + s.opCountMax() : " + " + s.clusterOps() + " cluster ops");
            out.printf(Locale.ROOT, format, "data", s.dataBytes());
            if (s.version() < 3) {
                out.printf(Locale.ROOT, format, "footer", s.footerBytes());
            }
            out.printf(Locale.ROOT, "%-10s %14d  (%s)%n", "cow_size", s.cowSizeBytes(),
                    s.cowSizeBytes() == cow.sizeBytes() ? "equal to the file" : "the file is " + cow.sizeBytes());
            notes.forEach(n -> out.println("Note: " + n));
        }
        return SizeJson.AndroidLayout.of(file.toString(), cow.sizeBytes(), s, notes);
    }
}
