package dev.cowscope.cli;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.merge.MergeTotals;
import dev.cowscope.merge.MergeWording;
import dev.cowscope.report.MergePlanReport;
import dev.cowscope.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge plan COW}: the kernel's merge order, totals, time estimate and status lines; for an
 * Android COW, AOSP's merge order ({@link AndroidMergePlanOutput}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the steps the kernel's snapshot-merge takes for COW, newest first, with totals, a time estimate "
                + "and the status line after each step.",
                "For an Android Virtual A/B COW file: the order AOSP's CowReader merges its ops in (sequence data, "
                        + "num_merge_ops, VerifyMergeOps); exit 1 when AOSP cannot parse it or a finding is an error."})
public final class MergePlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "COW", description = "COW image or device (gzip images are read transparently)")
    Path cow;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "origin image: clamps the last copy to its end and prints whole status lines")
    Path origin;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--steps", description = "list every step (otherwise a sample of status lines)")
    boolean steps;

    @Option(names = "--reverse", description = "Android COW: list the steps last first (AOSP's reverse-merge order)")
    boolean reverse;

    @Option(names = "--userspace", description = "Android COW: the USERSPACE_MERGE reader's order (snapuserd: REPLACE/ZERO "
            + "ascending) instead of the DEFAULT one (descending)")
    boolean userspace;

    @Option(names = "--throughput", paramLabel = "RATE", defaultValue = "100M", description = "copy throughput, " + Rates.THROUGHPUT_SYNTAX + " (default ${DEFAULT-VALUE})")
    String throughput;

    @Option(names = "--flush-latency", paramLabel = "TIME", defaultValue = "5ms", description = "latency of one cache flush or FUA write: " + Rates.LATENCY_SYNTAX + " (default ${DEFAULT-VALUE})")
    String flushLatency;

    @Override
    public Integer call() throws IOException {
        long rate;
        double latency;
        try {
            rate = Rates.parseThroughput(throughput);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), "--throughput: " + e.getMessage());
        }
        try {
            latency = Rates.parseLatencyMillis(flushLatency);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), "--flush-latency: " + e.getMessage());
        }
        Integer android = planAndroid();
        if (android != null) {
            return android;
        }
        if (reverse || userspace) {
            throw new UsageException(spec.commandLine(), "--reverse and --userspace apply to Android COW files");
        }
        CowImage image = CowReader.read(cow, ParseOptions.DEFAULT, Progress.NONE);
        OptionalLong originBytes = OptionalLong.empty();
        if (origin != null) {
            try (BlockSource source = BlockSources.open(origin)) {
                originBytes = OptionalLong.of(source.sizeBytes());
            }
        }
        MergeSimulator simulator = new MergeSimulator(MergePlan.of(image, originBytes));
        MergeEstimate estimate = MergeEstimate.of(simulator.plan().totals(), rate, latency);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.toJson(MergePlanReport.of(simulator, estimate, steps)));
        } else {
            printText(out, simulator, estimate);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The exit code of AOSP's plan when {@link #cow} is an Android COW, else null (the dm-snapshot path reads it or says why not). */
    private Integer planAndroid() throws IOException {
        BlockSource source;
        try {
            source = BlockSources.open(cow);
        } catch (CowFormatException e) {
            return null;
        }
        try (source) {
            if (!AndroidCowParser.isAndroidCow(source)) {
                return null;
            }
            if (origin != null) {
                throw new UsageException(spec.commandLine(), "--origin applies to dm-snapshot COWs, not to an Android COW file");
            }
            AndroidCow android = new AndroidCowParser().parse(source, OptionalLong.empty());
            AndroidMergePlan plan = new AndroidMergeOrder().prepare(android, source, userspace);
            return AndroidMergePlanOutput.print(android, plan, json, steps, reverse, spec.commandLine().getOut());
        }
    }

    private void printText(PrintWriter out, MergeSimulator simulator, MergeEstimate estimate) {
        MergePlan plan = simulator.plan();
        CowImage image = plan.image();
        MergeTotals t = plan.totals();
        long cs = plan.layout().chunkSizeSectors();
        row(out, "COW", image.source().path());
        row(out, "chunk size", String.format(Locale.ROOT, "%s (%d sectors), %d entries per area", Units.human(plan.layout().chunkSizeBytes()),
                cs, plan.layout().exceptionsPerArea()));
        row(out, "entries", String.format(Locale.ROOT, "%d (current_area %d, current_committed %d)", image.exceptions().size(),
                image.currentArea(), image.currentCommitted()));
        row(out, "status now", simulator.status(simulator.initial()));
        row(out, "steps", String.format(Locale.ROOT, "%d, one copy in flight (%d of one chunk)", t.steps(), t.singleChunkSteps()));
        row(out, "chunks", Long.toString(t.chunks()));
        row(out, "bytes", String.format(Locale.ROOT, "%s read from the COW, %s written to the origin (%d sectors)",
                Units.human(t.bytesRead()), Units.human(t.bytesWritten()), t.bytesWritten() / Units.SECTOR_BYTES));
        row(out, "metadata", String.format(Locale.ROOT, "%d area writes (REQ_PREFLUSH|REQ_FUA), %d area reads", t.metadataWrites(), t.areaReads()));
        row(out, "flushes", String.format(Locale.ROOT, "%d (origin flush + metadata write per step)", t.flushes()));
        row(out, "estimate", MergeWording.estimate(estimate));
        if (t.steps() > 0 && estimate.flushShare() > 0.5) {
            row(out, "why slow", MergeWording.whySlow(t, estimate));
        }
        if (plan.stepsPastOriginEnd() > 0) {
            row(out, "warning", MergeWording.pastOriginEnd(plan));
        }
        out.println();
        out.println(steps ? "Steps (newest first):" : "Sampled steps (newest first; --steps lists all):");
        out.printf(Locale.ROOT, "%8s %6s %22s %22s %7s %10s  %s%n", "step", "area", "origin chunks", "COW chunks", "chunks", "bytes", "status after");
        for (int k : MergePlanReport.stepIndexes(plan.stepCount(), steps)) {
            MergeStep s = plan.step(k);
            simulator.prepared(k).ifPresent(p -> out.printf(Locale.ROOT, "%8s %6s %22s %22s %7s %10s  %s%n", "", "", "", "", "", "",
                    simulator.status(p) + "   (prepare_merge steps back to area " + s.area() + ")"));
            out.printf(Locale.ROOT, "%8d %6d %22s %22s %7d %10s  %s%n", k, s.area(), range(s.originFirstChunk(), s.chunks()),
                    range(s.cowFirstChunk(), s.chunks()), s.chunks(), Units.human(s.copyBytes()), simulator.status(simulator.afterSteps(k + 1)));
        }
    }

    private static String range(long first, int count) {
        return count == 1 ? Long.toUnsignedString(first) : Long.toUnsignedString(first) + ".." + Long.toUnsignedString(first + count - 1);
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, value);
    }
}
