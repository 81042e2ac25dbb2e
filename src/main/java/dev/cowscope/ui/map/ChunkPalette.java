package dev.cowscope.ui.map;

import java.util.Arrays;

/**
 * Opaque ARGB colours per role. A pixel covering several chunks takes the mix of their colours,
 * weighted by count, except that any chunk of an {@linkplain #alarmRole() alarm role} (suspect)
 * wins the pixel, so one bad chunk stays visible at any zoom.
 */
public final class ChunkPalette {
    /** Behind cells and past the last chunk. */
    public static final int BACKGROUND = 0xFFF4F4F2;

    private final int[] argb;
    private final int alarmRole;
    private final int background;

    /** @param alarmRole the role that wins a pixel, or -1 */
    public ChunkPalette(int[] argb, int alarmRole) {
        this(argb, alarmRole, BACKGROUND);
    }

    private ChunkPalette(int[] argb, int alarmRole, int background) {
        this.argb = argb.clone();
        this.alarmRole = alarmRole;
        this.background = 0xFF000000 | background;
        for (int colour : argb) {
            if ((colour >>> 24) != 0xFF) {
                throw new IllegalArgumentException("palette colours must be opaque");
            }
        }
    }

    /** The same colours over another background (the theme's, behind the cells and past the end). */
    public ChunkPalette withBackground(int argb) {
        return new ChunkPalette(this.argb, alarmRole, argb);
    }

    /** Behind cells (the gutters) and past the last chunk. */
    public int background() {
        return background;
    }

    public int colour(int role) {
        return argb[role];
    }

    public int roleCount() {
        return argb.length;
    }

    public int alarmRole() {
        return alarmRole;
    }

    /** The colour of a range with {@code counts[role]} chunks per role ({@code total} > 0). */
    public int mix(int[] counts, int total) {
        if (alarmRole >= 0 && counts[alarmRole] > 0) {
            return argb[alarmRole];
        }
        long r = 0;
        long g = 0;
        long b = 0;
        for (int role = 0; role < argb.length; role++) {
            int n = counts[role];
            if (n != 0) {
                int c = argb[role];
                r += (long) n * ((c >> 16) & 0xFF);
                g += (long) n * ((c >> 8) & 0xFF);
                b += (long) n * (c & 0xFF);
            }
        }
        int half = total / 2;
        return 0xFF000000 | (int) ((r + half) / total) << 16 | (int) ((g + half) / total) << 8 | (int) ((b + half) / total);
    }

    @Override
    public String toString() {
        return "ChunkPalette" + Arrays.toString(argb);
    }
}
