package dev.cowscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.merge.MergeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cowscope merge}: plan, apply and compare merges (issue 6). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Plan the kernel's snapshot-merge of a COW, merge offline, or compare update strategies.",
        subcommands = {MergePlanCommand.class, MergeApplyCommand.class, MergeCompareCommand.class})
public final class MergeCommand implements java.util.concurrent.Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /** {@code 5ms}, {@code 0.5ms}, {@code 200us}, {@code 1s}, or a bare number of milliseconds. */
    static double parseMillis(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            t = t.substring(0, t.length() - 2);
            scale = 0.001;
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
            scale = 1000;
        }
        try {
            double value = Double.parseDouble(t.strip()) * scale;
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a latency: '" + text + "' (examples: 5ms, 200us, 0.01s)");
        }
    }

    static String seconds(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", (long) s / 3600, (long) s / 60 % 60, (long) s % 60);
    }
}
