package dev.cowscope.cli;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Location;
import dev.cowscope.format.Progress;
import dev.cowscope.report.ExceptionsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
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
            description = "Show one place only, in the form findings print: 'area 3 entry 17' or 'chunk 771' (what uses that COW chunk).")
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
            spec.commandLine().getErr().println("cowscope: " + image.source().path() + ": " + image.state()
                    + ": no usable chunk size, so no exception table can be read");
            return ExitCode.UNREADABLE;
        }
        if (at != null) {
            return printAt(image, out);
        }
        if (format.csv) {
            ExceptionsWriter.csv(table, sorted, out, Progress.NONE);
        } else if (format.json) {
            ExceptionsWriter.json(table, sorted, out, Progress.NONE);
        } else {
            printText(table, out);
        }
        return ExitCode.OK;
    }

    /** {@code --at}: the entry at an area/slot, or what a COW chunk holds (header, metadata, whose data, free). */
    private int printAt(CowImage image, PrintWriter out) {
        Location location = Location.parse(at)
                .orElseThrow(() -> new UsageException(spec.commandLine(), "--at: expected 'area A entry I' or 'chunk C', got '" + at + "'"));
        ExceptionTable table = image.exceptions();
        AreaLayout layout = table.layout();
        if (location.isEntry()) {
            int i = table.entryAt(location.area(), location.index());
            if (i < 0) {
                String why = location.index() >= layout.exceptionsPerArea()
                        ? "an area holds entries 0 to " + (layout.exceptionsPerArea() - 1)
                        : "the table has " + table.size() + " entries";
                out.printf(Locale.ROOT, "area %d entry %d: no committed entry there (%s)%n", location.area(), location.index(), why);
                return ExitCode.OK;
            }
            out.printf(Locale.ROOT, "%s: old_chunk %s -> new_chunk %s%n", table.locationOf(i),
                    Long.toUnsignedString(table.oldChunk(i)), Long.toUnsignedString(table.newChunk(i)));
            return ExitCode.OK;
        }
        if (location.chunk() < 0) {
            throw new UsageException(spec.commandLine(), "--at: give an entry ('area A entry I') or a COW chunk ('chunk C')");
        }
        long chunk = location.chunk();
        String what;
        if (chunk == 0) {
            what = "the header";
        } else if (Long.compareUnsigned(chunk, image.deviceChunks()) >= 0) {
            what = "past the last whole chunk of the device (" + (image.deviceChunks() - 1) + ")";
        } else if (layout.isMetadataChunk(chunk)) {
            what = "the metadata chunk of area " + layout.areaOfChunk(chunk);
        } else {
            int i = table.entryUsing(chunk);
            what = i < 0 ? "free (no entry uses it)"
                    : "data of origin chunk " + Long.toUnsignedString(table.oldChunk(i)) + " (" + table.locationOf(i) + ")";
        }
        out.printf(Locale.ROOT, "%s: %s%n", Location.chunk(layout, chunk), what);
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
