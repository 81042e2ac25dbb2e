package dev.cowscope.alignment;

import dev.cowscope.format.Units;

/**
 * The one parser for the values an alignment check takes, typed in the CLI or in the tab: the same
 * text gives the same value or the same message in both. Messages do not name the field; each face
 * puts its own name for it (an option, a label) in front.
 */
public final class AlignmentValues {
    private AlignmentValues() {
        throw new AssertionError("no instances");
    }

    /** A size of more than 0 bytes in the {@link Units#parseBytes} syntax ({@code 100M}, {@code 4K}, {@code 8s}). */
    public static long positiveSize(String text) {
        long bytes = Units.parseBytes(text);
        if (bytes <= 0) {
            throw new IllegalArgumentException("must be more than 0, got " + bytes);
        }
        return bytes;
    }

    /**
     * A sector count: a bare number is sectors, anything else a size that is whole sectors
     * ({@code 1G}); at most {@link QueueLimits#MAX_SECTORS}, the largest block device.
     */
    public static long sectors(String text) {
        String t = text == null ? "" : text.strip();
        long sectors;
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                sectors = Long.parseLong(t);
            } catch (NumberFormatException e) {
                sectors = -1; // more digits than a long holds: past the range below
            }
        } else {
            sectors = Units.parseSectors(t);
        }
        if (sectors < 0 || sectors > QueueLimits.MAX_SECTORS) {
            throw new IllegalArgumentException("a sector count from 0 to " + QueueLimits.MAX_SECTORS
                + " (the largest block device), got " + t);
        }
        return sectors;
    }

    /** A device name as a table line names it ({@code /dev/sdb}, {@code vdc1}, {@code 8:16}), stripped. */
    public static String deviceName(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a device name without spaces, got '" + (text == null ? "" : text) + "'");
        }
        return t;
    }
}
