package dev.cowscope.cli;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.format.Progress;
import dev.cowscope.report.AndroidOpsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cowscope ops}: the ops of an Android COW file in file order, as AOSP's reader yields them. */
@Command(name = "ops", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List the ops of an Android Virtual A/B COW file (libsnapshot_cow v2/v3) in file order, as AOSP's "
                + "CowReader yields them: type, new block, COPY source block or XOR source offset, where the data lies, "
                + "its stored length, how many blocks the op covers and its compression."})
final class OpsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "COW", description = "Android COW file (or a .gz, .xz or .zst of one), opened read-only.")
    Path cow;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--csv", description = "CSV: " + AndroidOpsWriter.CSV_HEADER + ".")
        boolean csv;

        @Option(names = "--json", description = "A JSON array of {index, type, newBlock, sourceBlock, sourceOffset, dataOffset, "
                + "dataLength, blocks, compression}.")
        boolean json;
    }

    @Option(names = "--label", paramLabel = "N", description = "Read only up to label N, as AOSP does when it resumes a write.")
    Long label;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (label != null && label < 0) {
            throw new UsageException(spec.commandLine(), "--label: a label is a number from 0, got " + label);
        }
        Progress progress = TerminalProgress.on(err);
        AndroidCow parsed;
        try {
            parsed = AndroidCowParser.read(cow, label == null ? OptionalLong.empty() : OptionalLong.of(label), progress);
        } finally {
            TerminalProgress.finish(progress);
        }
        if (!parsed.parseOk()) {
            // the ops read before AOSP's reader gave up are still listed (forensics), never as a good file
            err.printf("%s: AOSP's reader refuses this file: %s; listing the %d ops read before that%n",
                    cow, parsed.error(), parsed.ops().size());
        }
        if (format.csv) {
            AndroidOpsWriter.csv(parsed, out);
        } else if (format.json) {
            AndroidOpsWriter.json(parsed, out);
        } else {
            AndroidOpsWriter.text(parsed, out);
        }
        return parsed.parseOk() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
