package dev.cowscope.cli;

import dev.cowscope.format.Units;
import dev.cowscope.merge.StrategyComparison;
import dev.cowscope.merge.StrategyComparison.Outcome;
import dev.cowscope.report.MergeCompareReport;
import dev.cowscope.report.ReportJson;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code merge compare}: strategy A (update in the snapshot) vs B (update on the origin). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare A (update in the snapshot, merge on success) with B (update on the origin, old data in the snapshot, "
                + "merge back on failure) for one COW.")
public final class MergeCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--changed-chunks", required = true, paramLabel = "N", description = "distinct chunks the update writes")
    long changed;

    @Option(names = "--trial-writes", required = true, paramLabel = "N", description = "distinct chunks written during the trial boot")
    long trial;

    @Option(names = "--overlap", paramLabel = "N", defaultValue = "0", description = "trial chunks that are also update chunks (default 0)")
    long overlap;

    @Option(names = "--cow-size", required = true, paramLabel = "SIZE", description = "COW size, e.g. 64M")
    String cowSize;

    @Option(names = "--chunk-size", required = true, paramLabel = "SIZE", description = "chunk size, e.g. 4K or 8s")
    String chunkSize;

    @Option(names = "--store", required = true, paramLabel = "P|PO", description = "persistent store option: ${COMPLETION-CANDIDATES}")
    StrategyComparison.Store store;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        StrategyComparison.Result result;
        long cowBytes = size("--cow-size", cowSize);
        long chunkBytes = size("--chunk-size", chunkSize);
        try {
            result = StrategyComparison.compare(new StrategyComparison.Inputs(changed, trial, overlap, cowBytes, chunkBytes, store));
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), e.getMessage() + " (--changed-chunks " + changed + ", --trial-writes "
                    + trial + ", --overlap " + overlap + ", --cow-size " + cowSize + ", --chunk-size " + chunkSize + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.toJson(MergeCompareReport.of(result)));
        } else {
            printText(out, result);
        }
        out.flush();
        return ExitCode.OK;
    }

    private long size(String option, String text) {
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static void printText(PrintWriter out, StrategyComparison.Result r) {
        StrategyComparison.Inputs in = r.inputs();
        out.printf(Locale.ROOT, "%-22s %d update + %d trial - %d overlap = %d chunks to copy into the COW%n", "chunks needed",
                in.changedChunks(), in.trialWriteChunks(), in.overlapChunks(), r.chunksNeeded());
        out.printf(Locale.ROOT, "%-22s %s (%d sectors), chunk %s, %s: holds %d chunks; the run needs at least %s (%d sectors)%n", "COW",
                Units.human(in.cowSizeBytes()), in.cowSizeBytes() / Units.SECTOR_BYTES, Units.compact(in.chunkSizeBytes()), in.store(),
                r.capacityChunks(), Units.human(r.minimumCowBytes()), r.minimumCowBytes() / Units.SECTOR_BYTES);
        out.println();
        out.printf(Locale.ROOT, "%-22s %-48s %s%n", "", "A: update in snapshot, merge on success", "B: update on origin, merge back on failure");
        line(out, r, "overflows", o -> o.overflows() ? "yes, " + o.overflowPhase().toString().toLowerCase(Locale.ROOT)
                + " phase, after " + o.copiesBeforeOverflow() + " copies" : "no");
        line(out, r, "status at end", Outcome::statusAtEnd);
        line(out, r, "COW allocated", o -> Units.human(o.sectorsAllocatedAtEnd() * Units.SECTOR_BYTES) + " (" + o.sectorsAllocatedAtEnd() + " s)");
        line(out, r, "rollback possible", o -> o.rollbackPossible() ? "yes" : "NO");
        line(out, r, "merge I/O on success", o -> o.mergeChunksOnSuccess() + " chunks, " + Units.human(o.mergeBytesOnSuccess()));
        line(out, r, "merge I/O on failure", o -> o.mergeChunksOnFailure() + " chunks, " + Units.human(o.mergeBytesOnFailure()));
        out.println();
        for (Outcome o : new Outcome[] {r.a(), r.b()}) {
            String name = o.strategy() == StrategyComparison.Strategy.A_UPDATE_IN_SNAPSHOT ? "A" : "B";
            out.printf(Locale.ROOT, "%s at overflow: %s%n", name, o.kernelReaction());
            out.printf(Locale.ROOT, "%s on success: %s%n", name, o.onSuccess());
            out.printf(Locale.ROOT, "%s on failure: %s%n", name, o.onFailure());
        }
    }

    private static void line(PrintWriter out, StrategyComparison.Result r, String label, Function<Outcome, String> f) {
        out.printf(Locale.ROOT, "%-22s %-48s %s%n", label, f.apply(r.a()), f.apply(r.b()));
    }
}
