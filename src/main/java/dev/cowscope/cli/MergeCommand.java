package dev.cowscope.cli;

import dev.cowscope.format.CowFormatException;
import dev.cowscope.merge.MergeException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cowscope merge}: plan, apply and compare merges (issue 6). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Plan the kernel's snapshot-merge of a COW, merge offline, or compare update strategies.",
        subcommands = {MergePlanCommand.class, MergeApplyCommand.class, MergeCompareCommand.class})
public final class MergeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Reports an input the verb cannot use and returns the exit code for it. */
    static int unreadable(CommandSpec spec, IOException e) {
        PrintWriter err = spec.commandLine().getErr();
        String prefix = e instanceof CowFormatException || e instanceof MergeException ? "" : "I/O error: ";
        err.println("cowscope merge: " + prefix + e.getMessage());
        err.flush();
        return ExitCode.UNREADABLE;
    }

    /** Reports a bad option value (a size, a latency) as a usage error. */
    static int usage(CommandSpec spec, IllegalArgumentException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("cowscope merge: " + e.getMessage());
        err.flush();
        return ExitCode.USAGE;
    }
}
