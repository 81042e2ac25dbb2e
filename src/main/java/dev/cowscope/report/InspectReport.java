package dev.cowscope.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.AreaSummary;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.Finding;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.SourceInfo;
import dev.cowscope.format.StoreState;
import java.util.List;

/**
 * The {@code inspect} report: the JSON contract of DESIGN §3 (field names never change; fields
 * are only added). The CLI prints it, the GUI exports it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectReport(Source source, Header header, String state, Geometry geometry, Exceptions exceptions,
                            UsageReport usage, Kernel kernel, Headroom headroom, List<FindingReport> findings,
                            List<Area> areas, String error) {

    public record Source(String path, long sizeBytes, String kind) {
    }

    public record Header(String magic, long valid, long version, long chunkSizeSectors) {
    }

    public record Geometry(long chunkSizeBytes, long exceptionsPerArea, long deviceChunks, long areas,
                           boolean chunkSizeFromTable) {
    }

    public record Exceptions(long count, long consecutiveRuns, boolean sequential, long staleEntries) {
    }

    /** {@code sectorsAllocated} is unsigned, as the kernel computes and prints it (a damaged store's can pass 2^63). */
    public record UsageReport(java.math.BigInteger sectorsAllocated, long totalSectors, long metadataSectors, double percentFull,
                              String dmsetupStatus) {
    }

    /** What the kernel holds after loading: whether it loads at all, next_free, current_area, current_committed. */
    public record Kernel(boolean loads, java.math.BigInteger nextFree, long currentArea, long currentCommitted) {
    }

    /** Further distinct chunks before the next one overflows (PO) or invalidates (P) the snapshot. */
    public record Headroom(long chunks, long bytes) {
    }

    public record FindingReport(String severity, String kind, String location, String message) {
        static FindingReport of(Finding f) {
            return new FindingReport(f.severity().name(), f.kind().name(), f.location().toString(), f.message());
        }
    }

    public record Area(long index, long metadataChunk, long entries, double percentFull, long firstDataChunk,
                       long lastDataChunk, long consecutiveRuns) {
    }

    /** The report of a parsed image; {@code withAreas} adds one row per exception area. */
    public static InspectReport of(CowImage image, boolean withAreas) {
        SourceInfo s = image.source();
        Geometry geometry = image.layout().map(l -> geometry(image, l)).orElse(null);
        Exceptions exceptions = image.layout().isEmpty() ? null : new Exceptions(image.exceptions().size(),
                image.exceptions().consecutiveRuns(), image.exceptions().isSequential(), image.staleEntries());
        UsageReport usage = image.usage().map(InspectReport::usage).orElse(null);
        Kernel kernel = new Kernel(image.kernelLoads(), new java.math.BigInteger(Long.toUnsignedString(image.nextFree())), image.currentArea(),
                image.currentCommitted());
        Headroom headroom = image.layout()
                .map(l -> new Headroom(image.headroomChunks(), image.headroomChunks() * l.chunkSizeBytes()))
                .orElse(null);
        List<Area> areas = withAreas ? AreaSummary.of(image).stream().map(a -> new Area(a.index(), a.metadataChunk(),
                a.entries(), a.percentFull(), a.firstDataChunk(), a.lastDataChunk(), a.consecutiveRuns())).toList() : null;
        return new InspectReport(new Source(s.path(), s.sizeBytes(), s.kind().label()),
                new Header(image.header().magicHex(), image.header().valid(), image.header().version(),
                        image.header().chunkSizeSectors()),
                image.state().name(), geometry, exceptions, usage, kernel, headroom,
                image.findings().stream().map(FindingReport::of).toList(), areas, null);
    }

    /** The report when there is nothing to show: the file is unreadable or not a COW. */
    public static InspectReport failure(String path, long sizeBytes, String kind, CowFormatException e) {
        String state = switch (e.kind()) {
            case NOT_A_COW -> StoreState.NOT_A_COW.name();
            case TRUNCATED -> StoreState.TRUNCATED.name();
            default -> null;
        };
        return new InspectReport(new Source(path, sizeBytes, kind), null, state, null, null, null, null, null,
                List.of(), null, e.getMessage());
    }

    private static Geometry geometry(CowImage image, AreaLayout layout) {
        return new Geometry(layout.chunkSizeBytes(), layout.exceptionsPerArea(), image.deviceChunks(), image.areasRead(),
                image.chunkSizeFromTable());
    }

    private static UsageReport usage(SnapshotStatus u) {
        return new UsageReport(new java.math.BigInteger(Long.toUnsignedString(u.sectorsAllocated())), u.totalSectors(), u.metadataSectors(), u.percentFull(), u.params());
    }
}
