package dev.cowscope.ui.common;

import dev.cowscope.format.Units;
import java.util.Locale;

/** Number formats used across the views: grouped integers, bytes with their exact value. */
public final class Formats {
    private Formats() {
        throw new AssertionError("no instances");
    }

    /** 1234567 → "1 234 567" (thin spaces would be nicer, plain spaces copy better). */
    public static String grouped(long value) {
        return Units.grouped(value);
    }

    /** Unsigned, for on-disk chunk numbers that may be garbage. */
    public static String unsigned(long value) {
        return value >= 0 ? grouped(value) : Long.toUnsignedString(value);
    }

    /** "4 194 304 B (4.00 MiB)". */
    public static String bytes(long bytes) {
        return grouped(bytes) + " B (" + Units.human(bytes) + ")";
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.2f %%", percent);
    }
}
