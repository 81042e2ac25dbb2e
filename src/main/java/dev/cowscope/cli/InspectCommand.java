package dev.cowscope.cli;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowHeader;
import dev.cowscope.android.AndroidCowParser;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.android.CompressionFigures;
import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.AreaSummary;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Progress;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StoreState;
import dev.cowscope.format.StoreVerdict;
import dev.cowscope.format.Units;
import dev.cowscope.report.AndroidInspectReport;
import dev.cowscope.report.InspectReport;
import dev.cowscope.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cowscope inspect}: header, state, geometry, usage ({@code dmsetup status}), findings. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a COW device as the kernel would and report its header, state, geometry, the line "
                + "'dmsetup status' would print, the headroom left, and every consistency finding."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CowInputOptions input = new CowInputOptions();

    @Mixin
    FailOn failOn = new FailOn();

    @Option(names = "--json", description = "Print the report as JSON (the field names are a stable contract).")
    boolean json;

    @Option(names = "--areas", description = "Also list every exception area.")
    boolean areas;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        failOn.threshold(spec.commandLine());
        Path path = input.cowPath(spec.commandLine());
        Progress progress = TerminalProgress.on(spec.commandLine().getErr());
        if (!input.sample) {
            AndroidRead android;
            try {
                android = readAndroid(path, progress);
            } catch (CowFormatException e) {
                TerminalProgress.finish(progress);
                if (json && e.kind() != CowFormatException.Kind.UNREADABLE) {
                    long size = Files.isRegularFile(path) ? Files.size(path) : -1;
                    String kind = BlockSources.isBlockDevice(path) ? "block-device" : "file";
                    out.println(ReportJson.toJson(InspectReport.failure(path.toString(), size, kind, e)));
                }
                throw e;
            }
            if (android != null) {
                TerminalProgress.finish(progress);
                if (json) {
                    out.println(ReportJson.toJson(AndroidInspectReport.of(android.cow(), android.merge())));
                } else {
                    printAndroid(android.cow(), android.merge(), out);
                }
                return failOn.exitCode(AndroidInspectReport.findings(android.cow(), android.merge()), spec.commandLine());
            }
        }
        CowImage image;
        try {
            image = input.read(spec.commandLine(), progress);
        } catch (CowFormatException e) {
            if (json && e.kind() != CowFormatException.Kind.UNREADABLE) {
                long size = Files.isRegularFile(path) ? Files.size(path) : -1;
                String kind = BlockSources.isBlockDevice(path) ? "block-device" : "file";
                out.println(ReportJson.toJson(InspectReport.failure(path.toString(), size, kind, e)));
            }
            throw e;
        } finally {
            TerminalProgress.finish(progress);
        }
        if (json) {
            out.println(ReportJson.toJson(InspectReport.of(image, areas)));
        } else {
            printText(image, out);
        }
        return failOn.exitCode(image.findings(), spec.commandLine());
    }

    private void printText(CowImage image, PrintWriter out) {
        DiskHeader h = image.header();
        out.printf(Locale.ROOT, "%s  (%s, %s = %d sectors)%n", image.source().path(), image.source().kind().label(),
                Units.human(image.source().sizeBytes()), image.deviceSectors());
        out.println();
        out.printf(Locale.ROOT, "State             %s%n", stateLine(image));
        out.println("Header");
        out.printf(Locale.ROOT, "  magic           %s%s%n", h.magicHex(), h.hasSnapMagic() ? "  (\"SnAp\")" : h.isFresh() ? "  (new COW)" : "");
        out.printf(Locale.ROOT, "  valid           %d%n", h.valid());
        out.printf(Locale.ROOT, "  version         %d%n", h.version());
        out.printf(Locale.ROOT, "  chunk size      %d sectors%s%n", h.chunkSizeSectors(),
                AreaLayout.refusal(h.chunkSizeSectors()) == null ? " (" + Units.human(h.chunkSizeSectors() * Units.SECTOR_BYTES) + ")" : "");
        image.layout().ifPresent(layout -> {
            out.println("Geometry");
            out.printf(Locale.ROOT, "  chunk size      %s (%d sectors%s)%n", Units.human(layout.chunkSizeBytes()), layout.chunkSizeSectors(),
                    image.chunkSizeFromTable() ? ", from the table" : ", from the header");
            out.printf(Locale.ROOT, "  entries/area    %d%n", layout.exceptionsPerArea());
            out.printf(Locale.ROOT, "  device chunks   %d%n", image.deviceChunks());
            out.printf(Locale.ROOT, "  areas read      %d%n", image.areasRead());
            out.printf(Locale.ROOT, "  exceptions      %d  (%d consecutive runs%s)%n", image.exceptions().size(),
                    image.exceptions().consecutiveRuns(), image.exceptions().isSequential() ? ", allocated in kernel order" : "");
        });
        image.usage().ifPresent(u -> printUsage(image, u, out));
        if (areas) {
            printAreas(image, out);
        }
        out.println();
        out.printf(Locale.ROOT, "Findings (%d)%n", image.findings().size());
        if (image.findings().isEmpty()) {
            out.println("  none");
        }
        for (Finding f : image.findings()) {
            out.printf(Locale.ROOT, "  %-7s %-26s %s%n", f.severity(), f.kind(), f.location());
            out.printf(Locale.ROOT, "          %s%n", f.message());
        }
    }

    /** An Android COW as AOSP's {@code CowReader::Parse} reads it: the parse, then the merge preparation it includes. */
    private record AndroidRead(AndroidCow cow, AndroidMergePlan merge) {
    }

    /** The Android COW at {@code path}, or null when it is something else (the dm-snapshot path reads it, or says why not). */
    private static AndroidRead readAndroid(Path path, Progress progress) throws IOException {
        BlockSource source;
        try {
            source = BlockSources.open(path, progress);
        } catch (CowFormatException e) {
            return null; // unreadable: the dm-snapshot path reports it as before
        }
        try (source) {
            if (!AndroidCowParser.isAndroidCow(source)) {
                return null;
            }
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty(), progress);
            return new AndroidRead(cow, new AndroidMergeOrder().prepare(cow, source, false));
        }
    }

    private static void printAndroid(AndroidCow cow, AndroidMergePlan merge, PrintWriter out) {
        AndroidCowHeader h = cow.rawHeader();
        out.printf(Locale.ROOT, "%s  (%s, %s)%n", cow.name(), cow.kind().label(), Units.human(cow.sizeBytes()));
        out.println();
        out.printf(Locale.ROOT, "Format            Android Virtual A/B COW, version %d.%d (%s)%n", h.majorVersion(),
                h.minorVersion(), cow.formatName());
        out.printf(Locale.ROOT, "Parse             %s%n", merge.readerParseOk() ? "ok (as AOSP's CowReader reads it, merge preparation included)"
                : "fails in AOSP: " + merge.error());
        if (merge.readerParseOk()) {
            out.printf(Locale.ROOT, "Merge order       %d steps, %s; VerifyMergeOps: %s ('cowscope merge plan' lists them)%n",
                    merge.numTotalDataOps(), merge.kind().description(), merge.verifyOk() ? "consistent" : merge.verifyError());
        }
        out.println("Header");
        for (java.util.Map.Entry<String, Object> f : h.aospFields().entrySet()) {
            out.printf(Locale.ROOT, "  %-22s %s%n", f.getKey(), f.getValue());
        }
        out.printf(Locale.ROOT, "Compression       %s%n", AndroidOpType.compressionName(cow.header().compressionAlgorithm()));
        if (cow.footer() != null) {
            out.printf(Locale.ROOT, "Footer            %d ops, %d bytes of ops%n", cow.footer().numOps(), cow.footer().opsSize());
        } else if (cow.version() < 3) {
            out.println("Footer            none");
        }
        cow.lastLabel().ifPresent(l -> out.printf(Locale.ROOT, "Last label        %s%n", Long.toUnsignedString(l)));
        if (cow.version() >= 3) {
            out.printf(Locale.ROOT, "Resume points     %s%n", cow.resumePoints().isEmpty() ? "none" : cow.resumePoints().stream()
                    .map(p -> "label " + Long.toUnsignedString(p.label()) + " @ op " + Long.toUnsignedString(p.opIndex()))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "Ops               %d  (data %s)%n", cow.ops().size(), Units.human(cow.dataBytes()));
        for (java.util.Map.Entry<String, Long> c : cow.opCounts().entrySet()) {
            if (c.getValue() > 0) {
                out.printf(Locale.ROOT, "  %-10s %d%n", c.getKey(), c.getValue());
            }
        }
        java.util.List<CompressionFigures> figures = CompressionFigures.of(cow);
        if (!figures.isEmpty()) {
            out.println("Block data        (REPLACE and XOR: stored for decoded, per algorithm)");
        }
        for (CompressionFigures f : figures) {
            out.printf(Locale.ROOT, "  %-10s %d ops%s: %s stored for %s (%.1f%%)%n", f.algorithm(), f.ops(),
                    f.rawOps() > 0 ? " (" + f.rawOps() + " kept raw)" : "", Units.human(f.storedBytes()), Units.human(f.decodedBytes()),
                    100 * f.ratio());
        }
        out.println();
        java.util.List<Finding> findings = AndroidInspectReport.findings(cow, merge);
        out.printf(Locale.ROOT, "Findings (%d)%n", findings.size());
        if (findings.isEmpty()) {
            out.println("  none");
        }
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "  %-7s %-26s %s%n", f.severity(), f.kind(), f.location());
            out.printf(Locale.ROOT, "          %s%n", f.message());
        }
    }

    private static String stateLine(CowImage image) {
        return StoreVerdict.of(image).explanation();
    }

    private static void printUsage(CowImage image, SnapshotStatus u, PrintWriter out) {
        long cs = image.requireLayout().chunkSizeSectors();
        out.println("Usage (dmsetup status)");
        out.printf(Locale.ROOT, "  status          %s%n", u.params());
        out.printf(Locale.ROOT, "  allocated       %s sectors  %s  %.2f %% of %d sectors%n", Long.toUnsignedString(u.sectorsAllocated()),
                Units.humanSectors(u.sectorsAllocated()), u.percentFull(), u.totalSectors());
        out.printf(Locale.ROOT, "  metadata        %s sectors  %s  (header + %d areas)%n", Long.toUnsignedString(u.metadataSectors()),
                Units.humanSectors(u.metadataSectors()), Long.divideUnsigned(u.metadataSectors(), cs) - 1);
        if (Long.compareUnsigned(u.sectorsAllocated(), u.metadataSectors()) >= 0) {
            out.printf(Locale.ROOT, "  data            %s sectors  %s%n", Long.toUnsignedString(u.dataSectors()), Units.humanSectors(u.dataSectors()));
        } else {
            out.println("  data            — (next_free lies past the device and the kernel's product wraps: see the findings)");
        }
        if (image.state() != StoreState.INVALID) {
            long headroom = image.headroomChunks();
            out.printf(Locale.ROOT, "  headroom        %d chunks  %s  before the next new chunk overflows (PO) or invalidates (P)%n",
                    headroom, Units.human(headroom * image.requireLayout().chunkSizeBytes()));
        }
    }

    private static void printAreas(CowImage image, PrintWriter out) {
        out.println("Areas");
        TextTable table = new TextTable("area", "metadata chunk", "entries", "full %", "first data", "last data", "runs")
                .numeric(0, 1, 2, 3, 4, 5, 6);
        for (AreaSummary a : AreaSummary.of(image)) {
            table.row(a.index(), a.metadataChunk(), a.entries(), String.format(Locale.ROOT, "%.2f", a.percentFull()),
                    a.firstDataChunk() < 0 ? "-" : Long.toUnsignedString(a.firstDataChunk()),
                    a.lastDataChunk() < 0 ? "-" : Long.toUnsignedString(a.lastDataChunk()), a.consecutiveRuns());
        }
        table.print(out, "  ");
    }
}
