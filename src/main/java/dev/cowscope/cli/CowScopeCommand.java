package dev.cowscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code cowscope <verb>}. */
@Command(name = "cowscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Inspect and plan Linux dm-snapshot COW devices (the persistent exception store) offline, and watch live ones fill.",
            "With no verb, or 'gui [FILE]', opens the window.",
            "",
            "Sizes accept 512, 8s (sectors), 4K/4KiB, 1M, 2G.",
            "Exit codes: 0 fine, 1 findings at or above --fail-on, 2 usage error, 3 cannot read / not a COW,",
            "4 internal error (a bug in CowScope: please report it), 5 the watched snapshot was lost."})
public final class CowScopeCommand implements Callable<Integer> {
    /**
     * The verbs, in the order {@code --help} lists them: a new verb goes here, not in the
     * annotation. {@link Cli} builds only the verb a command line names (picocli's model of every
     * verb, with the classes their options load, was most of {@code cowscope inspect}'s start-up),
     * and all of them for {@code --help}, {@code help} or a verb it does not know.
     */
    static final List<Class<?>> VERBS = List.of(InspectCommand.class, ExceptionsCommand.class, OpsCommand.class, ViewCommand.class,
            SizeCommand.class, AlignCommand.class, MergeCommand.class, FillLogCommand.class, WatchCommand.class,
            CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }
}
