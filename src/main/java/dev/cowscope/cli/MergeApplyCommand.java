package dev.cowscope.cli;

import dev.cowscope.format.Progress;
import dev.cowscope.format.Units;
import dev.cowscope.merge.OfflineMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code merge apply}: origin + COW → merged origin, in a new file or (explicitly) in place. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Merge COW into ORIGIN offline. By default writes a new file (temp file, fsync, rename); the inputs are only read. "
                + "--in-place writes ORIGIN in the kernel's order and records progress in STATEFILE (a copy of the COW), so an "
                + "interrupted run resumes; the COW itself is never written.")
public final class MergeApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "origin image or device")
    Path origin;

    @Option(names = "--cow", required = true, paramLabel = "COW", description = "COW image or device")
    Path cow;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "new file for the merged origin")
    Path output;

    @Option(names = "--in-place", description = "write the merge onto ORIGIN itself (needs --state)")
    boolean inPlace;

    @Option(names = "--state", paramLabel = "STATEFILE", description = "progress file for --in-place: created as a copy of the COW, resumed when present")
    Path state;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (inPlace == (output != null)) {
            throw new UsageException(spec.commandLine(), "give either -o OUT (a new file) or --in-place --state STATEFILE");
        }
        if (inPlace && state == null) {
            throw new UsageException(spec.commandLine(), "--in-place needs --state STATEFILE");
        }
        OfflineMerge.Result result = inPlace
                ? OfflineMerge.inPlace(origin, cow, state, Progress.NONE)
                : OfflineMerge.toNewFile(origin, cow, output, Progress.NONE);
        out.printf(Locale.ROOT, "%-10s %s (%s, %d sectors)%n", "merged", result.target(), Units.human(result.sizeBytes()),
                result.sizeBytes() / Units.SECTOR_BYTES);
        out.printf(Locale.ROOT, "%-10s %d chunks in %d steps%s%n", "this run", result.chunksMerged(), result.stepsMerged(),
                result.stepsBefore() > 0 ? " (resumed after " + result.stepsBefore() + " steps)" : "");
        if (inPlace) {
            out.printf(Locale.ROOT, "%-10s %s: every entry zeroed, as the kernel leaves a merged COW%n", "state", state);
        } else {
            out.printf(Locale.ROOT, "%-10s %s left as holes%n", "sparse", Units.human(result.holeBytes()));
        }
        out.flush();
        return ExitCode.OK;
    }
}
