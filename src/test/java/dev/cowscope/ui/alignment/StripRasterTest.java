package dev.cowscope.ui.alignment;

import static dev.cowscope.ui.alignment.StripRaster.EDGE;
import static dev.cowscope.ui.alignment.StripRaster.GRID_UNMAPPED;
import static dev.cowscope.ui.alignment.StripRaster.OK;
import static dev.cowscope.ui.alignment.StripRaster.REJECT;
import static dev.cowscope.ui.alignment.StripRaster.UNMAPPED;
import static dev.cowscope.ui.alignment.StripRaster.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.LinearLine;
import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class StripRasterTest {
    /** A device of {@code sectors} with lines (offset, length, verdict) in table order; grid of 8 sectors. */
    private static DeviceStrip strip(long sectors, long partStart, Object... lines) {
        List<LineReport> reports = new java.util.ArrayList<>();
        long start = 0;
        for (int i = 0; i < lines.length; i += 3) {
            long offset = (Long) lines[i];
            long length = (Long) lines[i + 1];
            reports.add(new LineReport(i / 3, new LinearLine(start, length, "/dev/x", offset), "x", 0,
                findingsFor((Verdict) lines[i + 2])));
            start += length;
        }
        return DeviceStrip.of(reports, new QueueLimits(512, 4096, 4096, 0, 0, partStart, sectors, false));
    }

    /** Findings that give a line {@code verdict}. */
    private static List<Finding> findingsFor(Verdict verdict) {
        FindingKind kind;
        switch (verdict) {
            case REJECT: kind = FindingKind.GAP_IN_TABLE; break;
            case WARN: kind = FindingKind.ALIGNMENT_INCONSISTENCY; break;
            case UNKNOWN: kind = FindingKind.DEVICE_SIZE_UNKNOWN; break;
            default: return List.of();
        }
        return List.of(Finding.of(kind, Location.line(1), "test"));
    }

    private static int[] row(int[] argb, int width, int y) {
        return Arrays.copyOfRange(argb, y * width, (y + 1) * width);
    }

    @Test
    void areasAreSortedByDeviceOffsetAndColouredByVerdict() {
        // table order: the warned line sits after the ok one on the device
        DeviceStrip s = strip(8, 0, 4L, 2L, Verdict.WARN, 1L, 2L, Verdict.OK);
        assertThat(s.fromSector()).containsExactly(1, 4);
        assertThat(s.lineIndex()).containsExactly(1, 0);
        // one sector per pixel, two rows, no grid (8 px per block is shown only from 6 px: use a 3 px-wide block test below)
        StripViewport v = new StripViewport(8, 0, 1, 8, 2);
        int[] argb = StripRaster.render(s, v);
        int[] expected = {UNMAPPED, OK, OK, UNMAPPED, WARN, WARN, UNMAPPED, UNMAPPED};
        // blocks are 8 sectors = 8 px here: the boundary at sector 0 is a grid line
        expected[0] = GRID_UNMAPPED;
        assertThat(row(argb, 8, 0)).containsExactly(expected);
        assertThat(row(argb, 8, 1)).containsExactly(expected);
    }

    @Test
    void zoomedOutAPixelTakesTheWorstVerdictSoATinyRejectStaysVisible() {
        DeviceStrip s = strip(4000, 0, 0L, 1000L, Verdict.OK, 1000L, 1L, Verdict.REJECT, 1001L, 1999L, Verdict.WARN);
        StripViewport v = StripViewport.fit(4000, 4, 1); // 1000 sectors per pixel
        assertThat(StripRaster.render(s, v)).containsExactly(OK, REJECT, WARN, UNMAPPED);
    }

    @Test
    void zoomedInTheGridMarksPhysicalBlockBoundariesShiftedByThePartitionStart() {
        // partition starting at sector 1 of its disk: block boundaries at device sectors 7, 15, ...
        DeviceStrip s = strip(32, 1, 0L, 32L, Verdict.WARN);
        assertThat(s.gridPhaseSectors()).isEqualTo(7.0);
        StripViewport v = new StripViewport(32, 0, 1, 16, 1);
        int[] argb = StripRaster.render(s, v);
        int dark = StripRaster.darker(WARN);
        int[] expected = new int[16];
        Arrays.fill(expected, WARN);
        expected[0] = EDGE; // the area's first column
        expected[7] = dark;
        expected[15] = dark;
        assertThat(argb).containsExactly(expected);
    }

    @Test
    void theGridIsLeftOutWhenBlocksAreNarrowerThanSixPixels() {
        DeviceStrip s = strip(64, 0, 0L, 64L, Verdict.OK);
        StripViewport v = new StripViewport(64, 0, 2, 32, 1); // a block is 4 px
        int[] argb = StripRaster.render(s, v);
        assertThat(Arrays.stream(argb).skip(1).distinct().toArray()).containsExactly(OK);
    }

    @Test
    void sectorsPastTheDeviceEndAreUnmapped() {
        DeviceStrip s = strip(4, 0, 0L, 4L, Verdict.OK);
        StripViewport v = new StripViewport(4, 0, 2, 4, 1); // shows 8 sectors of a 4-sector device
        assertThat(StripRaster.render(s, v)).containsExactly(OK, OK, UNMAPPED, UNMAPPED);
    }

    @Test
    void hitTestingFindsTheAreasOfAPixel() {
        DeviceStrip s = strip(100, 0, 50L, 10L, Verdict.WARN, 0L, 10L, Verdict.OK);
        assertThat(s.areasIn(5, 6)).containsExactly(0);
        assertThat(s.areasIn(9.5, 50.5)).containsExactly(0, 1);
        assertThat(s.areasIn(20, 30)).isEmpty();
        assertThat(s.areaOfLine(0)).isEqualTo(1);
    }

    @Test
    void aCancelledRenderStops() {
        DeviceStrip s = strip(8, 0, 0L, 8L, Verdict.OK);
        assertThatThrownBy(() -> StripRaster.render(s, StripViewport.fit(8, 8, 1), () -> true))
            .isInstanceOf(CancellationException.class);
    }

    @Test
    void zoomKeepsTheAnchorAndStopsAtTheWholeDevice() {
        StripViewport fit = StripViewport.fit(1000, 100, 10);
        assertThat(fit.sectorsPerPixel()).isEqualTo(10);
        StripViewport in = fit.zoom(2, 50);
        assertThat(in.sectorsPerPixel()).isEqualTo(5);
        assertThat(in.sectorAt(50)).isEqualTo(500);
        assertThat(in.zoom(0.25, 50)).isEqualTo(fit);
        assertThat(in.withFirstSector(10_000).firstSector()).isEqualTo(500);
    }

    @Test
    void anUncheckedLineIsNeverPaintedTheAcceptedGreen() {
        DeviceStrip s = strip(8, 0, 0L, 4L, Verdict.UNKNOWN, 4L, 4L, Verdict.OK);
        int[] argb = StripRaster.render(s, new StripViewport(8, 0, 1, 8, 1));
        assertThat(argb[2]).isEqualTo(StripRaster.UNKNOWN).isNotEqualTo(OK);
        assertThat(argb[6]).isEqualTo(OK);
        for (Verdict v : Verdict.values()) {
            assertThat(StripRaster.colour(v.ordinal())).as(v.name()).isNotZero();
        }
    }
}
