package dev.cowscope.ui.alignment;

/**
 * Which sectors of the device the strip shows: pixel column {@code x} covers sectors
 * {@code [firstSector + x * sectorsPerPixel, firstSector + (x + 1) * sectorsPerPixel)}. Zoomed in,
 * a sector spans several pixels ({@code sectorsPerPixel < 1}). Hit-testing is this arithmetic.
 */
public record StripViewport(long totalSectors, double firstSector, double sectorsPerPixel, int widthPx, int heightPx) {
    /** The deepest zoom: 16 pixels per sector. */
    public static final double MIN_SECTORS_PER_PIXEL = 1.0 / 16;

    public StripViewport {
        if (widthPx < 1 || heightPx < 1) {
            throw new IllegalArgumentException("empty viewport");
        }
    }

    /** The whole device across the width. */
    public static StripViewport fit(long totalSectors, int widthPx, int heightPx) {
        double spp = Math.max(MIN_SECTORS_PER_PIXEL, Math.max(1, totalSectors) / (double) widthPx);
        return new StripViewport(totalSectors, 0, spp, widthPx, heightPx);
    }

    public double sectorAt(double x) {
        return firstSector + x * sectorsPerPixel;
    }

    public double xOf(double sector) {
        return (sector - firstSector) / sectorsPerPixel;
    }

    public double endSector() {
        return sectorAt(widthPx);
    }

    public boolean isFit() {
        return firstSector == 0 && sectorsPerPixel == fit(totalSectors, widthPx, heightPx).sectorsPerPixel;
    }

    /** Zoom by {@code factor} (>1 zooms in) keeping the sector under {@code anchorX} in place. */
    public StripViewport zoom(double factor, double anchorX) {
        double anchor = sectorAt(anchorX);
        double spp = Math.max(MIN_SECTORS_PER_PIXEL, Math.min(maxSectorsPerPixel(), sectorsPerPixel / factor));
        return new StripViewport(totalSectors, anchor - anchorX * spp, spp, widthPx, heightPx).clamped();
    }

    /** Scrolls so the view starts at {@code sector}. */
    public StripViewport withFirstSector(double sector) {
        return new StripViewport(totalSectors, sector, sectorsPerPixel, widthPx, heightPx).clamped();
    }

    /** Scrolls so {@code [from, to)} is in the middle, zooming out if it does not fit. */
    public StripViewport reveal(long from, long to) {
        double spp = sectorsPerPixel;
        if ((to - from) / spp > widthPx * 0.8) {
            spp = Math.min(maxSectorsPerPixel(), (to - from) / (widthPx * 0.8));
        }
        double centre = (from + to) / 2.0;
        return new StripViewport(totalSectors, centre - widthPx * spp / 2, spp, widthPx, heightPx).clamped();
    }

    public StripViewport withSize(int w, int h) {
        return new StripViewport(totalSectors, firstSector, sectorsPerPixel, w, h).clamped();
    }

    /** The furthest the view may start so that the device end is at the right edge. */
    public double maxFirstSector() {
        return Math.max(0, totalSectors - widthPx * sectorsPerPixel);
    }

    private double maxSectorsPerPixel() {
        return fit(totalSectors, widthPx, heightPx).sectorsPerPixel;
    }

    private StripViewport clamped() {
        double first = Math.max(0, Math.min(firstSector, Math.max(0, totalSectors - widthPx * sectorsPerPixel)));
        return first == firstSector ? this : new StripViewport(totalSectors, first, sectorsPerPixel, widthPx, heightPx);
    }
}
