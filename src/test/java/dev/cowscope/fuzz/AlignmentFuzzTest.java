package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.alignment.AlignmentReport;
import dev.cowscope.alignment.AlignmentRules;
import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.DeviceResolver;
import dev.cowscope.alignment.FilefragFile;
import dev.cowscope.alignment.FilefragParser;
import dev.cowscope.alignment.InputFormatException;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.LinearTable;
import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.alignment.TableBuild;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.cli.AlignCommand;
import dev.cowscope.cli.ExitCode;
import dev.cowscope.format.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine;

/**
 * Damaged or hostile alignment input: every surface either answers or refuses cleanly. Only the
 * documented refusals are caught (InputFormatException from the parsers and the rules,
 * IllegalArgumentException from the value parsers and constructors whose contract says so, a
 * usage error from the align verb); anything else is a crash for Jazzer.
 */
class AlignmentFuzzTest {
    private static final int MAX_LINES = 64;
    private static final String[] DEVICES = {"/dev/sda", "/dev/sda1", "/dev/sda2", "/dev/vdc1", "8:0", "8:1"};
    private static final String[] FLAGS = {"", "last", "eof", "last,eof", "unwritten", "shared", "unknown_loc",
        "delalloc", "hole", "merged", "encoded", "inline", "not_aligned", "bogus"};

    // ---- filefrag: parse, build the table, check as `align --filefrag` does ------------------------

    @FuzzTest(maxDuration = "10m")
    void filefrag(FuzzedDataProvider data) {
        boolean hex = data.consumeBoolean();
        OptionalLong unit = data.consumeBoolean() ? OptionalLong.of(data.consumeLong(1, Long.MAX_VALUE))
            : OptionalLong.empty();
        OptionalLong wanted = data.consumeBoolean() ? OptionalLong.of(data.consumeLong(1, Long.MAX_VALUE))
            : OptionalLong.empty();
        Optional<QueueLimits> limits = queueLimits(data);
        KernelVersion kernel = data.pickValue(KernelVersion.values());
        String text = filefragText(data, hex);
        if (limits.isEmpty()) {
            return;
        }
        List<FilefragFile> files;
        try {
            files = new FilefragParser(unit, hex).parse(text);
        } catch (InputFormatException refused) {
            return;
        }
        for (FilefragFile f : files) {
            TableBuild build = LinearTable.fromExtents(f.extents(), "/dev/vdc1", wanted);
            check(build.table(), kernel, name -> Optional.of(BlockDevice.whole(name, "vdc1", limits.get())));
        }
    }

    private static String filefragText(FuzzedDataProvider data, boolean hex) {
        StringBuilder sb = new StringBuilder();
        int lines = data.consumeInt(0, MAX_LINES);
        for (int i = 0; i < lines; i++) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> sb.append("File size of /f").append(i).append(" is ").append(number(data, false))
                    .append(" (").append(number(data, false)).append(" blocks of ").append(number(data, false))
                    .append(" bytes)");
                case 1, 2 -> sb.append("   ").append(i).append(": ").append(number(data, hex)).append("..")
                    .append(number(data, hex)).append(": ").append(number(data, hex)).append("..")
                    .append(number(data, hex)).append(": ").append(number(data, hex)).append(": ")
                    .append(data.pickValue(FLAGS));
                case 3 -> sb.append("/f").append(i).append(": ").append(number(data, false)).append(" extents found");
                default -> sb.append(data.consumeString(120));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---- table: dm-linear text → LinearTable → AlignmentRules ----------------------------------------

    @FuzzTest(maxDuration = "10m")
    void table(FuzzedDataProvider data) {
        KernelVersion kernel = data.pickValue(KernelVersion.values());
        Optional<QueueLimits> disk = queueLimits(data);
        Optional<QueueLimits> partition = queueLimits(data);
        StringBuilder sb = new StringBuilder();
        int lines = data.consumeInt(0, MAX_LINES);
        long next = 0;
        for (int i = 0; i < lines; i++) {
            if (data.consumeInt(0, 9) == 0) {
                sb.append(data.consumeString(120)).append('\n');
                continue;
            }
            // mostly contiguous, so the checks after the gap test run
            long start = data.consumeBoolean() ? next : data.consumeLong(0, Long.MAX_VALUE);
            String len = number(data, false);
            sb.append(start).append(' ').append(len).append(" linear ").append(data.pickValue(DEVICES)).append(' ')
                .append(number(data, false)).append('\n');
            long l = Long.parseUnsignedLong(len);
            next = l >= 0 && start <= Long.MAX_VALUE - l ? start + l : 0;
        }
        if (disk.isEmpty() || partition.isEmpty()) {
            return;
        }
        LinearTable table;
        try {
            table = LinearTable.parse(sb.toString());
        } catch (InputFormatException refused) {
            return;
        }
        check(table, kernel, name -> Optional.of(name.endsWith("1") || name.endsWith("2")
            ? new BlockDevice(name, name.contains(":") ? name : name.substring(5), Optional.of("sda"), partition.get())
            : BlockDevice.whole(name, name.contains(":") ? name : name.substring(5), disk.get())));
    }

    // ---- limits: --limits and the other option parsers, and the whole CLI on them -------------------

    @FuzzTest(maxDuration = "10m")
    void limits(FuzzedDataProvider data) {
        String limitsText = data.consumeString(200);
        try {
            QueueLimits.parse(limitsText);
        } catch (InputFormatException refused) {
            // a clear refusal
        }
        String size = data.consumeString(40);
        try {
            Units.parseBytes(size);
        } catch (IllegalArgumentException refused) {
            // a clear refusal
        }
        String kernel = data.consumeString(12);
        try {
            KernelVersion.parse(kernel);
        } catch (IllegalArgumentException refused) {
            // a clear refusal
        }
        try {
            new LimitsInput(data.consumeString(20), data.consumeString(20), data.consumeString(20),
                data.consumeString(20), data.consumeString(20), data.consumeString(24), data.consumeString(24))
                .toQueueLimits();
        } catch (IllegalArgumentException refused) {
            // the window shows the message in place
        }
        // half the time well-formed keys with hostile numbers, so the run gets past the parser
        String cliLimits = data.consumeBoolean() ? limitsText : structuredLimits(data);
        List<String> args = new ArrayList<>(List.of("align", "--table", TABLE_FILE.toString(), "--limits", cliLimits,
            "--sysfs-root", "/nonexistent-sysfs", "--dev-root", "/nonexistent-dev"));
        String[] options = {"--part-start", "--device-size", "--wanted-size", "--block-size", "--device", "--kernel"};
        int n = data.consumeInt(0, options.length);
        for (int i = 0; i < n; i++) {
            args.add(data.pickValue(options));
            args.add(data.consumeBoolean() ? number(data, false) : data.consumeString(24));
        }
        if (data.consumeBoolean()) {
            args.add("--json");
        }
        // the align verb alone (the whole command tree per input ran at 5 exec/s): a usage error is
        // picocli's ParameterException (exit 2); anything else call() throws is exit 4, a crash here
        CommandLine cl = new CommandLine(new AlignCommand());
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        try {
            cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            int code = ((AlignCommand) cl.getCommand()).call();
            if (code < ExitCode.OK || code > ExitCode.UNREADABLE) {
                throw new AssertionError("exit " + code + " for " + args);
            }
        } catch (CommandLine.ParameterException usage) {
            // exit 2 with the option's name
        }
    }

    private static String structuredLimits(FuzzedDataProvider data) {
        String[] keys = {"lbs", "pbs", "io-min", "io-opt", "alignment-offset", "part-start", "size"};
        String[] units = {"", "", "s", "K", "M", "G", "T", "x"};
        StringBuilder sb = new StringBuilder("lbs=").append(512L << data.consumeInt(0, 4));
        int n = data.consumeInt(0, keys.length);
        for (int i = 0; i < n; i++) {
            sb.append(',').append(data.pickValue(keys)).append('=').append(number(data, false))
                .append(data.pickValue(units));
        }
        return sb.toString();
    }

    private static final Path TABLE_FILE = tableFile();

    private static Path tableFile() {
        try {
            Path f = Files.createTempFile("align-fuzz", ".table");
            Files.writeString(f, "0 2048 linear /dev/vdc1 2048\n2048 8 linear /dev/vdc1 9223372036854775000\n");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- shared ---------------------------------------------------------------------------------------

    /** The checks as the CLI runs them, and one property: "accepted" never comes with a rejected line. */
    private static void check(LinearTable table, KernelVersion kernel, DeviceResolver resolver) {
        AlignmentReport report;
        try {
            report = new AlignmentRules(kernel).check(table, resolver);
        } catch (InputFormatException refused) {
            return;
        }
        boolean rejectedLine = report.lines().stream().map(LineReport::verdict).anyMatch(v -> v == Verdict.REJECT);
        if (report.accepted() && rejectedLine) {
            throw new AssertionError("accepted with a rejected line: " + table.render());
        }
        report.summary();
        report.outcome();
        report.tableText();
    }

    /** Limits as a user or sysfs could give them; empty when the constructor refuses them (its contract). */
    private static Optional<QueueLimits> queueLimits(FuzzedDataProvider data) {
        long[] v = new long[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (data.consumeInt(0, 3)) {
                case 0 -> 512L << data.consumeInt(0, 10);
                case 1 -> data.consumeLong(0, 1L << 33);
                case 2 -> 0;
                default -> data.consumeLong();
            };
        }
        try {
            return Optional.of(new QueueLimits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], data.consumeBoolean()));
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    /** A number as text: small, near a power of two, near the long limit, or past it. */
    private static String number(FuzzedDataProvider data, boolean hex) {
        long n = switch (data.consumeInt(0, 4)) {
            case 0 -> data.consumeLong(0, 4096);
            case 1 -> (1L << data.consumeInt(0, 62)) + data.consumeLong(-2, 2);
            case 2 -> Long.MAX_VALUE - data.consumeLong(0, 4096);
            case 3 -> data.consumeLong(0, Long.MAX_VALUE);
            default -> -1;
        };
        String text = n < 0 ? "18446744073709551615" : hex ? Long.toHexString(n) : Long.toString(n);
        return text;
    }
}
