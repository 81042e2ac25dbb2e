package dev.cowscope.cli;

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
}
