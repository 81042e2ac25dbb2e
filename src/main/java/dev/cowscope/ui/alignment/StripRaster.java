package dev.cowscope.ui.alignment;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Turns the visible sectors of a {@link DeviceStrip} into ARGB pixels, off the FX thread; pure, so it
 * is tested pixel by pixel. Each pixel column takes the worst verdict of the areas touching it (so a
 * one-sector rejected line stays visible zoomed out); once an area spans {@value #EDGE_MIN_PX} pixels its
 * first column is drawn light so neighbours stay apart; once a physical block spans
 * {@value #GRID_MIN_PX} pixels its boundaries are drawn as dark lines.
 */
public final class StripRaster {
    public static final int UNMAPPED = 0xFFE3E6E8;
    public static final int OK = 0xFF2EA36B;
    /** Not decided (a check could not be made): a neutral blue-grey, never the accepted green. */
    public static final int UNKNOWN = 0xFF7E8FA6;
    public static final int WARN = 0xFFE8A317;
    public static final int REJECT = 0xFFC62828;
    /** First column of an area that is wide enough to show its edge. */
    public static final int EDGE = 0xFFFFFFFF;
    /** A physical-block boundary over unmapped space; over an area the area's colour is darkened. */
    public static final int GRID_UNMAPPED = 0xFF9AA3AB;
    static final int EDGE_MIN_PX = 4;
    static final int GRID_MIN_PX = 6;
    private static final int[] VERDICT_COLOURS = {OK, UNKNOWN, WARN, REJECT}; // by Verdict ordinal

    private StripRaster() {
        throw new AssertionError("no instances");
    }

    public static int[] render(DeviceStrip strip, StripViewport v) {
        return render(strip, v, () -> false);
    }

    /** @param cancelled asked now and then; when it answers true the render stops with {@link CancellationException} */
    public static int[] render(DeviceStrip strip, StripViewport v, BooleanSupplier cancelled) {
        int w = v.widthPx();
        int[] worst = new int[w];
        Arrays.fill(worst, -1);
        boolean[] edge = new boolean[w];
        double spp = v.sectorsPerPixel();
        double first = v.firstSector();
        double last = v.endSector();
        for (int i = 0; i < strip.areaCount(); i++) {
            if ((i & 0xFFF) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("render superseded");
            }
            long from = strip.fromSector()[i];
            long to = strip.toSector()[i];
            if (to <= first || from >= last || to <= from) {
                continue;
            }
            int x0 = (int) Math.max(0, Math.floor((from - first) / spp));
            int x1 = (int) Math.min(w, Math.ceil((to - first) / spp));
            int verdict = strip.verdict()[i];
            for (int x = x0; x < x1; x++) {
                worst[x] = Math.max(worst[x], verdict);
            }
            if ((to - from) / spp >= EDGE_MIN_PX && from >= first) {
                edge[x0] = true;
            }
        }
        int[] column = new int[w];
        double g = strip.granularitySectors();
        boolean grid = g / spp >= GRID_MIN_PX;
        double phase = strip.gridPhaseSectors();
        for (int x = 0; x < w; x++) {
            int colour = worst[x] < 0 ? UNMAPPED : edge[x] ? EDGE : VERDICT_COLOURS[worst[x]];
            double a = first + x * spp;
            if (a >= v.totalSectors()) {
                colour = UNMAPPED;
            }
            if (grid && !edge[x]) {
                double k = Math.ceil((a - phase) / g);
                if (phase + k * g < a + spp) {
                    colour = worst[x] < 0 ? GRID_UNMAPPED : darker(colour);
                }
            }
            column[x] = colour;
        }
        int h = v.heightPx();
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(column, 0, argb, y * w, w);
        }
        return argb;
    }

    /** The colour of a verdict (its ordinal). */
    public static int colour(int verdictOrdinal) {
        return VERDICT_COLOURS[verdictOrdinal];
    }

    /** 60 % of each channel: a grid line over an area. */
    static int darker(int argb) {
        int r = ((argb >> 16) & 0xFF) * 3 / 5;
        int gr = ((argb >> 8) & 0xFF) * 3 / 5;
        int b = (argb & 0xFF) * 3 / 5;
        return 0xFF000000 | r << 16 | gr << 8 | b;
    }
}
