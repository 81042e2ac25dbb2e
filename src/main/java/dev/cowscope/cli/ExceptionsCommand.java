package dev.cowscope.cli;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Location;
import dev.cowscope.format.Place;
import dev.cowscope.format.Progress;
import dev.cowscope.report.ExceptionsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cowscope exceptions}: every mapping old chunk → new chunk, in disk order or sorted. */
@Command(name = "exceptions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List every committed exception (origin chunk → COW chunk) in on-disk order, "
                + "or sorted by origin chunk. For an invalidated store, the committed table is listed for forensics."})
final class ExceptionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CowInputOptions input = new CowInputOptions();

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--csv", description = "CSV: area,index,old_chunk,new_chunk.")
        boolean csv;

        @Option(names = "--json", description = "A JSON array of {area, index, oldChunk, newChunk}.")
        boolean json;
    }

    @Option(names = "--sorted", description = "Order by origin chunk instead of disk order.")
    boolean sorted;

    @Option(names = "--at", paramLabel = "LOCATION",
            description = "Show one place only, in the form findings print: 'area 3 entry 17', 'chunk 771' (what uses that COW chunk), 'area 2', 'header'.")
    String at;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = TerminalProgress.on(spec.commandLine().getErr());
        CowImage image;
        try {
            image = input.read(spec.commandLine(), progress);
        } finally {
            TerminalProgress.finish(progress);
        }
        ExceptionTable table = image.exceptions();
        if (image.layout().isEmpty()) {
            throw new InputException(image.source().path() + ": " + image.state() + ": no usable chunk size, so no exception table can be read");
        }
        if (at != null) {
            return printAt(image, out);
        }
        if (format.csv) {
            java.io.OutputStream bytes = Cli.bytesUnder(out);
            if (bytes != null) {
                try {
                    ExceptionsWriter.csv(table, sorted, bytes, Progress.NONE);
                } catch (IOException closedReader) {
                    // stdout closed by its reader (`| head`): stop, as the PrintWriter of every other listing does
                    // (nothing is read here: the table is in memory, so the failure is the output's)
                }
            } else {
                ExceptionsWriter.csv(table, sorted, out, Progress.NONE);
            }
        } else if (format.json) {
            ExceptionsWriter.json(table, sorted, out, Progress.NONE);
        } else {
            printText(table, out);
        }
        return ExitCode.OK;
    }

    /** {@code --at}: what one place holds, in the form findings print. */
    private int printAt(CowImage image, PrintWriter out) {
        Location location = Location.parse(at).orElseThrow(() -> new UsageException(spec.commandLine(),
                "--at: expected a location as findings print it ('area 3 entry 17', 'chunk 771', 'area 2', 'header'), got '" + at + "'"));
        out.println(Place.locate(image, location).description());
        return ExitCode.OK;
    }

    private void printText(ExceptionTable table, PrintWriter out) {
        long chunkBytes = table.layout().chunkSizeBytes();
        TextTable text = new TextTable("area", "index", "old_chunk", "new_chunk", "origin offset", "COW offset")
                .numeric(0, 1, 2, 3, 4, 5);
        int[] order = sorted ? table.sortedByOld() : null;
        for (int k = 0; k < table.size(); k++) {
            int i = order == null ? k : order[k];
            long old = table.oldChunk(i);
            long nw = table.newChunk(i);
            text.row(table.areaOf(i), table.slotOf(i), Long.toUnsignedString(old), Long.toUnsignedString(nw),
                    offset(old, chunkBytes), offset(nw, chunkBytes));
        }
        if (text.isEmpty()) {
            out.println("no exceptions");
        } else {
            text.print(out, "");
        }
    }

    private static String offset(long chunk, long chunkBytes) {
        try {
            return "0x" + Long.toHexString(Math.multiplyExact(chunk, chunkBytes));
        } catch (ArithmeticException e) {
            return "overflow";
        }
    }
}
