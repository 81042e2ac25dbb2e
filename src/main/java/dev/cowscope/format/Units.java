package dev.cowscope.format;

import java.util.Locale;

/**
 * Size units and the one size syntax every input accepts: {@code 512} (bytes), {@code 8s} (sectors),
 * {@code 4K}/{@code 4KiB}/{@code 4k}, {@code 1M}, {@code 2G}, {@code 1T} (binary multiples).
 */
public final class Units {
    /** Bytes per sector: every sector count in dm is in 512-byte units. */
    public static final int SECTOR_BYTES = 512;
    public static final int SECTOR_SHIFT = 9;

    private Units() {
        throw new AssertionError("no instances");
    }

    /**
     * Parses a size in bytes.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static long parseBytes(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty size");
        }
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 512, 8s, 4K, 1MiB)");
        }
        long number;
        try {
            number = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        String suffix = t.substring(i).trim().toLowerCase(Locale.ROOT);
        long multiplier;
        switch (suffix) {
            case "": case "b": multiplier = 1; break;
            case "s": multiplier = SECTOR_BYTES; break;
            case "k": case "kb": case "kib": multiplier = 1L << 10; break;
            case "m": case "mb": case "mib": multiplier = 1L << 20; break;
            case "g": case "gb": case "gib": multiplier = 1L << 30; break;
            case "t": case "tb": case "tib": multiplier = 1L << 40; break;
            default:
                throw new IllegalArgumentException("unknown size unit in '" + text + "' (use s, K, M, G, T)");
        }
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
    }

    /** Parses a size that must be a whole number of sectors and returns the sector count. */
    public static long parseSectors(String text) {
        long bytes = parseBytes(text);
        if (bytes % SECTOR_BYTES != 0) {
            String hint = text.strip().chars().allMatch(Character::isDigit) ? " (a bare number is bytes: " + text.strip() + " sectors is "
                    + text.strip() + "s)" : "";
            throw new IllegalArgumentException("'" + text + "' is not a whole number of 512-byte sectors" + hint);
        }
        return bytes / SECTOR_BYTES;
    }

    /**
     * Parses a count (of chunks, of writes): digits, optionally grouped with spaces or underscores
     * ({@code 1 000 000}, {@code 1_000_000}), 0 or more.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static long parseCount(String text) {
        String t = text == null ? "" : text.strip().replace(" ", "").replace("_", "").replace("\u00a0", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty count");
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("a count cannot be negative: '" + text.strip() + "'");
        }
        if (!allDigits(t)) {
            throw new IllegalArgumentException("not a whole number: '" + text.strip() + "'");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count too large: '" + text.strip() + "'");
        }
    }

    /** A count with its thousands set apart by spaces, {@code 1 048 576}, as the window and the wording show counts. */
    public static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', ' ');
    }

    /** Human size with binary units, e.g. {@code 2.0 MiB}, {@code 512 B}. */
    public static String human(long bytes) {
        if (bytes < 1024 && bytes > -1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int u = -1;
        while (Math.abs(value) >= 1024 && u < units.length - 1) {
            value /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s", value, units[u]);
    }

    /**
     * Human size of a sector count the kernel computes in unsigned 64-bit arithmetic (a damaged
     * store's {@code next_free × chunk size} can pass 2^63): never negative, never wrapped.
     */
    public static String humanSectors(long sectors) {
        if (sectors >= 0 && sectors <= Long.MAX_VALUE / SECTOR_BYTES) {
            return human(sectors * SECTOR_BYTES);
        }
        double bytes = unsigned(sectors) * SECTOR_BYTES;
        return String.format(Locale.ROOT, "%.3g EiB", bytes / Math.pow(2, 60));
    }

    /** An unsigned 64-bit value as a double. */
    public static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    /** Compact size for chunk sizes and options: {@code 4K}, {@code 512}, {@code 1M}, or bytes when not exact. */
    public static String compact(long bytes) {
        if (bytes >= (1L << 40) && bytes % (1L << 40) == 0) {
            return (bytes >> 40) + "T";
        }
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "G";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "M";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + "K";
        }
        return Long.toString(bytes);
    }

    /** Only ASCII digits 0-9 (true for an empty string); a loop, since status logs call it per token. */
    public static boolean allDigits(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }
}
