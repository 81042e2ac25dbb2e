package dev.cowscope.monitor;

import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import java.util.Locale;
import java.util.function.LongFunction;

/** The words every face uses for a fill point: {@code fill-log}, {@code watch} and the Monitor tab. */
public final class FillWording {
    private FillWording() {
        throw new AssertionError("no instances");
    }

    /** {@code 24.5 KiB/s}, or {@code rate: measuring} before the window has seen enough. */
    public static String rate(FillPoint p) {
        return Double.isNaN(p.sectorsPerSecond()) ? "rate: measuring"
                : Units.human(Math.round(p.sectorsPerSecond() * Units.SECTOR_BYTES)) + "/s";
    }

    /** {@code room for 12 chunks}, or empty when the room is not known. */
    public static String room(FillPoint p) {
        if (p.room() == null || !p.room().consistent()) {
            return "";
        }
        long n = p.room().remainingChunks();
        return "room for " + Units.grouped(n) + " chunk" + (n == 1 ? "" : "s");
    }

    /** {@code lost in 5.3 s (at T)}, {@code merging} or {@code no loss in sight}. */
    public static String loss(FillPoint p, LongFunction<String> time) {
        if (p.merging()) {
            return "merging";
        }
        return p.predictsLoss() ? "lost in " + Rates.seconds(p.secondsLeft()) + " (at " + time.apply(p.fullAtMicros()) + ")"
                : "no loss in sight";
    }

    /** A working sample in one line: {@code 1992/2048 16 · 97.27 % full · 9.91 KiB/s · room for 7 chunks · lost in …}. */
    public static String line(FillPoint p, LongFunction<String> time, String separator) {
        if (!p.status().isActive()) {
            return p.status().params();
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s%s%.2f %% full", p.status().params(), separator,
                p.status().percentFull()));
        if (!p.merging()) {
            s.append(separator).append(rate(p));
            if (!room(p).isEmpty()) {
                s.append(separator).append(room(p));
            }
        }
        return s.append(separator).append(loss(p, time)).toString();
    }
}
