package dev.cowscope.format;

import java.util.Locale;

/**
 * The one syntax for a copy throughput and a flush latency, shared by {@code merge plan} and
 * the Merge tab so that the same text means the same thing in both. A throughput is a
 * {@link Units#parseBytes size} per second, binary multiples, optionally followed by {@code /s}:
 * {@code 100M} is 100 MiB/s and a bare {@code 100} is 100 bytes per second, as for every other
 * size. A latency is {@code 5ms}, {@code 0.5ms}, {@code 200us}, {@code 0.01s}, or a bare number of
 * milliseconds.
 */
public final class Rates {
    /** Said after a bad throughput, so that the reader knows the unit. */
    public static final String THROUGHPUT_HINT = "(expected bytes per second, e.g. 100M)";
    /** The unit and examples, for prompts and help. */
    public static final String THROUGHPUT_SYNTAX = "bytes per second: 100M = 100 MiB/s, 1G, 512K; a bare number is bytes/s";
    public static final String LATENCY_SYNTAX = "5ms, 0.5ms, 200us, 0.01s; a bare number is milliseconds";

    private Rates() {
        throw new AssertionError("no instances");
    }

    /**
     * Bytes per second, greater than zero.
     *
     * @throws IllegalArgumentException with the message both faces print after the field's name
     */
    public static long parseThroughput(String text) {
        String t = text == null ? "" : text.strip();
        if (t.toLowerCase(Locale.ROOT).endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        long rate;
        try {
            rate = Units.parseBytes(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " " + THROUGHPUT_HINT);
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("throughput must be positive " + THROUGHPUT_HINT);
        }
        return rate;
    }

    /**
     * Milliseconds, finite and not negative.
     *
     * @throws IllegalArgumentException with the message both faces print after the field's name
     */
    public static double parseLatencyMillis(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            t = t.substring(0, t.length() - 2);
            scale = 0.001;
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
            scale = 1000;
        }
        try {
            double value = Double.parseDouble(t.strip()) * scale;
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a latency: '" + text + "' (examples: 5ms, 200us, 0.01s)");
        }
    }

    /** A duration for people: {@code 12.5 ms}, {@code 3.25 s}, {@code 1h 02m 05s}. */
    public static String seconds(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", (long) s / 3600, (long) s / 60 % 60, (long) s % 60);
    }
}
