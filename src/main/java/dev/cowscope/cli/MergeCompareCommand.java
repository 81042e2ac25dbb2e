package dev.cowscope.cli;

import dev.cowscope.format.Units;
import dev.cowscope.merge.MergeWording;
import dev.cowscope.merge.StrategyComparison;
import dev.cowscope.report.MergeCompareReport;
import dev.cowscope.report.ReportJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
    String changed;

    @Option(names = "--trial-writes", required = true, paramLabel = "N", description = "distinct chunks written during the trial boot")
    String trial;

    @Option(names = "--overlap", paramLabel = "N", defaultValue = "0", description = "trial chunks that are also update chunks (default 0)")
    String overlap;

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
            result = StrategyComparison.compare(new StrategyComparison.Inputs(count("--changed-chunks", changed),
                    count("--trial-writes", trial), count("--overlap", overlap), cowBytes, chunkBytes, store));
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

    /** A count as the Strategy tab reads it (Units.parseCount: 1000, 1 000 or 1_000). */
    private long count(String option, String text) {
        try {
            return Units.parseCount(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), option + ": " + e.getMessage());
        }
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
        List<MergeWording.StrategyRow> rows = MergeWording.strategyRows(r);
        out.printf(Locale.ROOT, "%-31s %-44s %s%n", "", "A: update in snapshot, merge on success", "B: update on origin, merge back on failure");
        for (MergeWording.StrategyRow row : rows) {
            if (!row.prose()) {
                out.printf(Locale.ROOT, "%-31s %-44s %s%n", row.aspect(), row.a(), row.b());
            }
        }
        for (MergeWording.StrategyRow row : rows) {
            if (row.prose()) {
                out.println();
                out.printf(Locale.ROOT, "%s%n  A: %s%n  B: %s%n", row.aspect(), row.a(), row.b());
            }
        }
    }
}
