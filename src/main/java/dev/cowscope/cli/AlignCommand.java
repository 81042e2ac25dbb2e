package dev.cowscope.cli;

import dev.cowscope.alignment.AlignmentCheck;
import dev.cowscope.alignment.AlignmentInput;
import dev.cowscope.alignment.AlignmentInputs;
import dev.cowscope.alignment.AlignmentReport;
import dev.cowscope.alignment.AlignmentSource;
import dev.cowscope.alignment.AlignmentValues;
import dev.cowscope.alignment.BuildIssue;
import dev.cowscope.alignment.CheckedTable;
import dev.cowscope.alignment.Fiemap;
import dev.cowscope.alignment.FiemapException;
import dev.cowscope.alignment.InputFormatException;
import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.LinearLine;
import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.alignment.SysfsBlockDevices;
import dev.cowscope.alignment.TableBuild;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.format.TextInput;
import dev.cowscope.report.AlignReport;
import dev.cowscope.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cowscope align}: what the kernel will say about a dm-linear table, line by line, before you create it. */
@Command(name = "align", mixinStandardHelpOptions = true,
    description = {
        "Predict what the kernel rejects or warns about when a dm-linear table is created"
            + " (dm-table.c / blk-settings.c rules), line by line, with the reason and a fix.",
        "Input: filefrag -v/-e output (several files allowed), a file's live extents (FIEMAP), or a table.",
    },
    footer = {
        "",
        "Predicted kernel lines are printed as dmesg shows them after 'dmsetup create', without the",
        "timestamp and without the dm device's 'M:m: ' (not known beforehand), e.g.",
        "  device-mapper: table: adding target device (start sect 8 len 8) caused an alignment inconsistency",
        "--device and --limits apply to every line of the table. --limits alignment-offset is the",
        "whole disk's (queue) offset; for a partition give its start with --part-start.",
        "Without a device size (--device-size, size= in --limits, or a --device that exists here) the",
        "kernel's too-small check cannot be made: lines nothing else rejects are UNKNOWN, and so is the",
        "table, never 'accepted'.",
        "Exit codes: 0 accepted, 1 the kernel rejects the table or an extent cannot be mapped,",
        "2 bad usage, 3 unreadable input, or cannot decide (UNKNOWN: a device size is missing).",
    })
public final class AlignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--filefrag", paramLabel = "F", description = "filefrag -v or -e output (e2fsprogs 1.45-1.47)")
        Optional<Path> filefrag = Optional.empty();

        @Option(names = "--file", paramLabel = "PATH", description = "read the file's extents live (FIEMAP, Linux)")
        Optional<Path> file = Optional.empty();

        @Option(names = "--table", paramLabel = "F",
            description = "dm-linear table lines (dmsetup table output; devices as paths or major:minor)")
        Optional<Path> table = Optional.empty();
    }

    @Option(names = "--device", paramLabel = "/dev/X",
        description = "the block device the extents point into; its limits are read from /sys unless --limits is given")
    private Optional<String> device = Optional.empty();

    @Option(names = "--limits", paramLabel = "LIMITS",
        description = "limits by hand: lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0")
    private Optional<String> limits = Optional.empty();

    @Option(names = "--part-start", paramLabel = "SECTORS",
        description = "partition start on its disk (with --limits): sectors, or a size such as 1M")
    private Optional<String> partStart = Optional.empty();

    @Option(names = "--device-size", paramLabel = "SECTORS",
        description = "size of the device (with --limits): sectors, or a size such as 20G; without it the size check is skipped")
    private Optional<String> deviceSize = Optional.empty();

    @Option(names = "--kernel", paramLabel = "VERSION", defaultValue = "new",
        description = "v5.3, v6.1 or new (default: ${DEFAULT-VALUE})")
    private String kernel;

    @Option(names = "--wanted-size", paramLabel = "SIZE", description = "clip the table to this size (e.g. 100M)")
    private Optional<String> wantedSize = Optional.empty();

    @Option(names = "--block-size", paramLabel = "SIZE",
        description = "unit of filefrag rows when the 'File size of' header is missing (the -b value)")
    private Optional<String> blockSize = Optional.empty();

    @Option(names = "--hex", description = "filefrag rows are hexadecimal (filefrag -X)")
    private boolean hex;

    @Option(names = "--json", description = "JSON output (camelCase fields)")
    private boolean json;

    @Option(names = "--sysfs-root", hidden = true, defaultValue = "/sys")
    private Path sysRoot;

    @Option(names = "--dev-root", hidden = true, defaultValue = "/dev")
    private Path devRoot;

    /** Input that cannot be read or understood: exit 3 with the message. */
    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        KernelVersion kernelVersion = option("--kernel", () -> KernelVersion.parse(kernel));
        OptionalLong wanted = positiveSize("--wanted-size", wantedSize);
        OptionalLong unit = positiveSize("--block-size", blockSize);
        partStart.ifPresent(v -> option("--part-start", () -> AlignmentValues.sectors(v)));
        deviceSize.ifPresent(v -> option("--device-size", () -> AlignmentValues.sectors(v)));
        Optional<String> dev = device.map(d -> option("--device", () -> AlignmentValues.deviceName(d)));
        Optional<QueueLimits> given = limits.map(l -> option("--limits", () -> typedLimits(l)));
        if (limits.isEmpty() && (partStart.isPresent() || deviceSize.isPresent())) {
            throw new UsageException(spec.commandLine(), "--part-start and --device-size go with --limits");
        }
        if (input.filefrag.isPresent() && dev.isEmpty()) {
            throw new UsageException(spec.commandLine(),
                "--filefrag needs --device: the file system's block device, named in the generated table");
        }
        List<CheckedTable> checked;
        try {
            checked = AlignmentCheck.run(collect(dev, given, kernelVersion, wanted, unit));
        } catch (Unreadable | InputFormatException | FiemapException e) {
            err.println("align: " + e.getMessage());
            err.flush();
            return ExitCode.UNREADABLE;
        }
        if (json) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(ReportJson.toJson(AlignReport.of(kernelVersion, checked)));
            out.flush();
        } else {
            printText(checked);
        }
        boolean findings = checked.stream().anyMatch(c -> c.report().rejected()
            || c.report().build().map(TableBuild::hasErrors).orElse(false));
        if (findings) {
            return ExitCode.FINDINGS;
        }
        // a missing input is not an answer: neither "accepted" (0) nor "rejected" (1)
        boolean unknown = checked.stream().anyMatch(c -> c.report().decision() == AlignmentReport.Decision.UNKNOWN);
        return unknown ? ExitCode.UNREADABLE : ExitCode.OK;
    }

    /** An option's value, or a usage error naming the option. */
    private <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), name + ": " + e.getMessage());
        }
    }

    private OptionalLong positiveSize(String name, Optional<String> text) {
        return text.isEmpty() ? OptionalLong.empty()
            : OptionalLong.of(option(name, () -> AlignmentValues.positiveSize(text.get())));
    }

    /** --limits with --part-start and --device-size in place of its part-start= and size=. */
    private QueueLimits typedLimits(String text) {
        LimitsInput typed = LimitsInput.parse(text);
        typed = partStart.map(typed::withPartStart).orElse(typed);
        typed = deviceSize.map(typed::withDeviceSize).orElse(typed);
        return typed.toQueueLimits();
    }

    /** The input as the engine takes it: the text read, or a file's live extents. */
    private AlignmentInput collect(Optional<String> dev, Optional<QueueLimits> given, KernelVersion kernelVersion,
                                   OptionalLong wanted, OptionalLong unit) throws Unreadable, FiemapException {
        AlignmentSource source;
        Optional<String> tableDevice = dev;
        if (input.table.isPresent()) {
            source = AlignmentSource.table(input.table.get().toString(), read(input.table.get(), "--table"));
        } else if (input.file.isPresent()) {
            Path file = input.file.get();
            tableDevice = Optional.of(dev.or(() -> Fiemap.deviceOf(file)).orElseThrow(() ->
                new Unreadable(file + ": cannot tell which device holds it; give --device")));
            source = AlignmentSource.extents(file.toString(), Fiemap.read(file));
        } else {
            Path path = input.filefrag.orElseThrow();
            source = AlignmentSource.filefrag(path.toString(), read(path, "--filefrag"));
        }
        return new AlignmentInput(source, tableDevice, given, Optional.empty(), new SysfsBlockDevices(sysRoot, devRoot),
            kernelVersion, wanted, unit, hex);
    }

    /** The text, capped: {@code /dev/zero} or a huge file is refused, not read until the heap is gone. */
    private static String read(Path path, String option) throws Unreadable {
        try {
            return TextInput.read(path, AlignmentInputs.MAX_TEXT_BYTES, option);
        } catch (IOException e) {
            throw new Unreadable(e.getMessage() == null ? "cannot read " + path : e.getMessage());
        }
    }

    // ---- text --------------------------------------------------------------------------------

    private void printText(List<CheckedTable> checked) {
        PrintWriter out = spec.commandLine().getOut();
        for (CheckedTable c : checked) {
            AlignmentReport r = c.report();
            if (checked.size() > 1) {
                out.println("== " + c.source());
            }
            r.build().ifPresent(b -> {
                out.println("extents: " + b.extentsBefore() + ", " + b.extentsAfter() + " after merging neighbours");
                for (BuildIssue issue : b.issues()) {
                    out.println((issue.error() ? "error: " : "warning: ") + issue.message());
                }
            });
            printLines(out, r);
            if (!r.kernelMessages().isEmpty()) {
                out.println();
                out.println(r.decision() == AlignmentReport.Decision.UNKNOWN
                    ? "Predicted kernel messages if every line fits its device (dmesg, without timestamp and dm device M:m):"
                    : "Predicted kernel messages (dmesg, without timestamp and dm device M:m):");
                r.kernelMessages().forEach(m -> out.println("  " + m.render()));
            }
            out.println();
            out.println("Summary: " + r.summary() + "; " + r.outcome() + ".");
            if (r.rejected() && !r.notChecked().isEmpty()) {
                out.println("Not checked (the first kernel message may differ): " + String.join("; ", r.notChecked()) + ".");
            }
            out.println();
            out.println("Table:");
            out.print(r.tableText());
            if (checked.size() > 1) {
                out.println();
            }
        }
        out.flush();
    }

    private static void printLines(PrintWriter out, AlignmentReport r) {
        String[] head = {"LINE", "START", "LEN", "DEVICE", "OFFSET", "VERDICT"};
        List<String[]> rows = new ArrayList<>();
        for (LineReport l : r.lines()) {
            LinearLine line = l.line();
            rows.add(new String[] {Integer.toString(l.index()), Long.toString(line.startSector()),
                Long.toString(line.lengthSectors()), line.device(), Long.toString(line.offsetSector()),
                l.verdict().name()});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println(format(head, width, new StringBuilder()).append("  REASON / FIX"));
        StringBuilder row = new StringBuilder(128);
        for (int k = 0; k < rows.size(); k++) {
            LineReport l = r.lines().get(k);
            row.setLength(0);
            int cellsEnd = format(rows.get(k), width, row).length();
            String reason = l.reason();
            if (reason.isEmpty()) {
                while (row.length() > 0 && row.charAt(row.length() - 1) == ' ') {
                    row.setLength(row.length() - 1);
                }
            } else {
                row.append("  ").append(reason);
            }
            out.println(row);
            String hint = l.hint();
            if (!hint.isEmpty() && l.verdict() != Verdict.OK) {
                row.setLength(0);
                pad(row, cellsEnd + 2).append("fix: ").append(hint);
                out.println(row);
            }
        }
    }

    /** Appends the cells padded to their widths (by hand: String.format per cell was most of a 100 000-line table's time). */
    private static StringBuilder format(String[] cells, int[] width, StringBuilder sb) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            boolean left = i == 3 || i == 5;
            if (left) {
                sb.append(cells[i]);
            }
            pad(sb, width[i] - cells[i].length());
            if (!left) {
                sb.append(cells[i]);
            }
        }
        return sb;
    }

    private static StringBuilder pad(StringBuilder sb, int spaces) {
        for (int i = 0; i < spaces; i++) {
            sb.append(' ');
        }
        return sb;
    }
}
