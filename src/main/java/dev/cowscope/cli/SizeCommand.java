package dev.cowscope.cli;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import dev.cowscope.input.RangesFile;
import dev.cowscope.report.ReportJson;
import dev.cowscope.report.SizeJson;
import dev.cowscope.report.SizingCsv;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.ChunkSizeRule;
import dev.cowscope.sizing.CowCapacity;
import dev.cowscope.sizing.CowSizeCalculator;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.RoundingUnit;
import dev.cowscope.sizing.SizingPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cowscope size}: exact COW sizing for dm-snapshot persistent stores, and Android Virtual A/B COW sizing
 * ({@code --android} with an image pair, {@code --android-cow} for an existing file).
 */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = {"Plan the size of a dm-snapshot COW (persistent store, exact kernel allocation).",
            "With --android, also the Android Virtual A/B COW (libsnapshot_cow v2/v3) for the same change."},
        footerHeading = "%nExamples:%n",
        footer = {"  size --chunk-size 4K --changed-chunks 1000    COW for n distinct chunks",
            "  size --chunk-size 4K --changed-chunks 1000 --margin 64M --round 4M",
            "  size --chunk-size 4K --cow-size 8M            what fits; status when full",
            "  size --old A.img --new B.img --margin 5%% --round 4M",
            "  size --ranges writes.txt --origin-size 4G --chunk-sizes 4K,16K,64K",
            "  size --old A.img --new B.img --android v3 --compression lz4",
            "  size --ranges blocks.txt --origin-size 4G --android v3   upper bound, content unknown",
            "  size --android-cow system.cow                 an Android COW's areas"},
        sortOptions = false)
public final class SizeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Chunk size (512, 8s, 4K, …), for --changed-chunks and --cow-size.")
    private String chunkSize;

    @Option(names = "--changed-chunks", paramLabel = "N", description = "Distinct chunks written (through the snapshot or the origin); 1000000 or 1_000_000.")
    private String changedChunks;

    @Option(names = "--cow-size", paramLabel = "SIZE", description = "An existing COW size: how many distinct chunks fit.")
    private String cowSize;

    @Option(names = "--old", paramLabel = "FILE", description = "Old image (the origin now): file, block device or .gz.")
    private Path oldImage;

    @Option(names = "--new", paramLabel = "FILE", description = "New image (what will be written over the snapshot).")
    private Path newImage;

    @Option(names = "--ranges", paramLabel = "FILE", description = "Written ranges: lines 'offset length' (# comments), or a JSON array of {offset, length}.")
    private Path rangesFile;

    @Option(names = "--origin-size", paramLabel = "SIZE", description = "Origin size, for --ranges or --changed-chunks with a margin in %% and the cap at the origin.")
    private String originSize;

    @Option(names = "--chunk-sizes", paramLabel = "LIST", split = ",", description = "Chunk sizes to plan (default 512,1K,…,1M).")
    private List<String> chunkSizes = new ArrayList<>();

    @Option(names = "--margin", paramLabel = "M", description = "Headroom for run-time writes: bytes (64M) or %% of the origin (5%%); "
            + "for --old/--new, --ranges and --changed-chunks.")
    private String margin;

    @Option(names = "--round", paramLabel = "SIZE", defaultValue = "512", description = "Round the allocation up to this unit (4K, 4M LVM extent…). Default: ${DEFAULT-VALUE}.")
    private String round;

    @Option(names = "--cow-block-size", paramLabel = "SIZE", defaultValue = "512", description = "Logical block size of the COW device. Default: ${DEFAULT-VALUE}.")
    private String cowBlockSize;

    @Option(names = "--origin-block-size", paramLabel = "SIZE", defaultValue = "512", description = "Logical block size of the origin. Default: ${DEFAULT-VALUE}.")
    private String originBlockSize;

    @Option(names = "--android", paramLabel = "v2|v3", description = "With --old/--new or --ranges: also size the Android Virtual A/B COW "
            + "(libsnapshot_cow writer v2 or v3) for the change, beside the dm-snapshot COW.")
    private String android;

    @Option(names = "--compression", paramLabel = "ALGO[,LEVEL]", description = "For --android, repeatable: none, gz (level 9), "
            + "lz4, zstd (level 3), as CowOptions.compression; brotli is refused (no Java encoder). Default: gz.")
    private List<String> compressions = new ArrayList<>();

    @Option(names = "--compression-factor", paramLabel = "SIZE", description = "For --android v3: the largest multi-block op "
            + "(4K, 8K … 512K; a power of two times the block size). Default: 4K.")
    private String compressionFactor;

    @Option(names = "--cluster-ops", paramLabel = "N", description = "For --android: CowOptions.cluster_ops (v2 ops per cluster, "
            + "0 for none; v3 blocks per batch). Default: 1024.")
    private String clusterOps;

    @Option(names = "--android-block-size", paramLabel = "SIZE", description = "For --android: the COW's block size. Default: 4K.")
    private String androidBlockSize;

    @Option(names = "--android-cow", paramLabel = "FILE", description = "An existing Android COW (v2/v3): its areas as its writer "
            + "sized them (header, scratch, sequence, resume, ops, data, footer).")
    private Path androidCow;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--csv", description = "Print the plan's rows as CSV instead of text (not with --cow-size).")
    private boolean csv;

    private final Function<PrintWriter, Progress> progressOn;

    public SizeCommand() {
        this(TerminalProgress::on);
    }

    /** @param progressOn the progress display for the image-pair pass, given stderr */
    SizeCommand(Function<PrintWriter, Progress> progressOn) {
        this.progressOn = progressOn;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Object result = run(out);
            if (json) {
                out.println(ReportJson.toJson(result));
            } else if (csv) {
                SizingCsv.write((SizeJson.Plan) result, out);
            }
            out.flush();
            return ExitCode.OK;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), e instanceof ArithmeticException
                    ? "a size is too large to compute exactly: " + e.getMessage() : e.getMessage(), e);
        }
    }

    private Object run(PrintWriter out) throws IOException {
        int modes = (changedChunks != null ? 1 : 0) + (cowSize != null ? 1 : 0)
                + (oldImage != null || newImage != null ? 1 : 0) + (rangesFile != null ? 1 : 0) + (androidCow != null ? 1 : 0);
        if (modes != 1) {
            throw usage("give exactly one of --changed-chunks, --cow-size, --old/--new, --ranges, --android-cow");
        }
        if (json && csv) {
            throw usage("give at most one of --json and --csv");
        }
        if (android == null && (!compressions.isEmpty() || compressionFactor != null || clusterOps != null || androidBlockSize != null)) {
            throw usage("--compression, --compression-factor, --cluster-ops and --android-block-size go with --android");
        }
        if (androidCow != null) {
            if (csv || margin != null || chunkSize != null || !chunkSizes.isEmpty() || originSize != null) {
                throw usage("--android-cow takes only --json");
            }
            return AndroidSizing.layout(out, androidCow, json);
        }
        if (android != null && rangesFile == null && (oldImage == null || newImage == null)) {
            throw usage("--android sizes the change between --old and --new, or the ranges of --ranges "
                    + "(for an existing COW use --android-cow)");
        }
        ChunkSizeRule rule = option("--cow-block-size/--origin-block-size", () -> new ChunkSizeRule(
                bytes("--cow-block-size", cowBlockSize), bytes("--origin-block-size", originBlockSize)));
        RoundingUnit unit = option("--round", () -> new RoundingUnit(bytes("--round", round)));
        Margin parsedMargin = margin == null ? Margin.NONE : option("--margin", () -> Margin.parse(margin));
        if (changedChunks != null || cowSize != null) {
            if (chunkSize == null) {
                throw usage("--changed-chunks and --cow-size need --chunk-size");
            }
            if (!chunkSizes.isEmpty()) {
                throw usage("--chunk-sizes applies to --old/--new and --ranges");
            }
            CowSizeCalculator calculator = calculator("--chunk-size", chunkSize, rule);
            if (changedChunks != null) {
                return calculate(out, calculator, unit, rule, parsedMargin);
            }
            if (margin != null || csv) {
                throw usage("--margin and --csv do not apply to --cow-size");
            }
            return capacity(out, calculator);
        }
        if (chunkSize != null) {
            throw usage("use --chunk-sizes with --old/--new and --ranges");
        }
        List<Long> sizes = new ArrayList<>();
        for (String text : chunkSizes) {
            sizes.add(calculator("--chunk-sizes", text, rule).chunkSizeSectors());
        }
        ChangedChunks changes;
        String input;
        if (rangesFile != null) {
            long origin = originSize == null ? 0 : bytes("--origin-size", originSize);
            List<ByteRange> ranges;
            try {
                ranges = RangesFile.read(rangesFile, "--ranges");
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e); // the file's content, not the command line, is wrong: exit 3
            }
            if (android != null) {
                if (!compressions.isEmpty()) {
                    throw usage("--compression needs the content: with --ranges the Android COW is sized with every touched "
                            + "block stored raw (the upper bound for any content); give --old/--new for compressed sizes");
                }
                if (!chunkSizes.isEmpty() || csv) {
                    throw usage("with --android the dm-snapshot column uses the block size as chunk size: no --chunk-sizes or --csv");
                }
                return new AndroidSizing(this::usage, this::bytes).estimateRanges(out, json, rangesFile, ranges, origin, android,
                        compressionFactor, clusterOps, androidBlockSize, parsedMargin, unit, rule);
            }
            changes = ChangedChunks.fromRanges(ranges, origin);
            input = String.format("Ranges            %s: %d ranges%s", rangesFile, ranges.size(),
                    origin > 0 ? ", origin " + SizeText.sized(origin) : "");
        } else {
            if (oldImage == null || newImage == null) {
                throw usage("--old and --new go together");
            }
            if (originSize != null) {
                throw usage("--origin-size is for --ranges; with images the old image is the origin");
            }
            Progress progress = progressOn.apply(spec.commandLine().getErr());
            if (android != null) {
                if (!chunkSizes.isEmpty() || csv) {
                    throw usage("with --android the dm-snapshot column uses the block size as chunk size: no --chunk-sizes or --csv");
                }
                return new AndroidSizing(this::usage, this::bytes).estimate(out, json, oldImage, newImage, android, compressions,
                        compressionFactor, clusterOps, androidBlockSize, parsedMargin, unit, rule, progress);
            }
            try (BlockSource before = BlockSources.open(oldImage, progress);
                 BlockSource after = BlockSources.open(newImage, progress)) {
                changes = ChangedChunks.fromSnapshotPair(before, after, progress);
                input = String.format("Old image         %s, %s%nNew image         %s, %s", oldImage, SizeText.sized(before.sizeBytes()),
                        newImage, SizeText.sized(after.sizeBytes()));
            } finally {
                TerminalProgress.finish(progress);
            }
        }
        SizingPlan plan = SizingPlan.build(changes, sizes.isEmpty() ? SizingPlan.defaultChunkSizesSectors() : sizes,
                parsedMargin, unit, rule);
        if (!json && !csv) {
            SizeText.plan(out, plan, input);
        }
        return SizeJson.Plan.of(plan);
    }

    /** A plan of one row: the given count at one chunk size, plus the margin's chunks. */
    private Object calculate(PrintWriter out, CowSizeCalculator calculator, RoundingUnit unit, ChunkSizeRule rule, Margin parsedMargin) {
        long origin = originSize == null ? 0 : bytes("--origin-size", originSize);
        long count = option("--changed-chunks", () -> Units.parseCount(changedChunks));
        SizingPlan plan = SizingPlan.build(ChangedChunks.given(count, origin), List.of(calculator.chunkSizeSectors()),
                parsedMargin, unit, rule);
        if (csv) {
            return SizeJson.Plan.of(plan);
        }
        if (!json) {
            SizeText.calculation(out, calculator, plan);
        }
        return SizeJson.Calculation.of(calculator, plan);
    }

    private Object capacity(PrintWriter out, CowSizeCalculator calculator) {
        CowCapacity capacity = option("--cow-size", () -> calculator.capacity(bytes("--cow-size", cowSize)));
        if (!json) {
            SizeText.capacity(out, calculator, capacity);
        }
        return SizeJson.Capacity.of(calculator, capacity);
    }

    private CowSizeCalculator calculator(String option, String text, ChunkSizeRule rule) {
        long sectors;
        try {
            sectors = Units.parseSectors(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": chunk size " + text + ": " + e.getMessage());
        }
        var refusal = rule.refusal(sectors);
        if (refusal.isPresent()) {
            throw usage(option + ": chunk size " + text + " (" + sectors + " sectors): the kernel refuses it: \"" + refusal.get() + "\"");
        }
        return new CowSizeCalculator(sectors, rule);
    }

    private ParameterException usage(String message) {
        return new UsageException(spec.commandLine(), message);
    }

    /** A size typed for {@code option}; a bad one is a usage error naming the option and what was expected. */
    private long bytes(String option, String text) {
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw usage(option + ": " + message + (message.contains("example") ? "" : " (expected a size such as 512, 8s, 4K, 4M)"));
        }
    }

    /** Builds what {@code option} describes; a refusal is a usage error naming the option. */
    private <T> T option(String option, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }
}
