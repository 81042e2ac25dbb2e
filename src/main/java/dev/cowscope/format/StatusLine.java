package dev.cowscope.format;

import java.util.Optional;

/**
 * One line of {@code dmsetup status} for a snapshot target: {@code [NAME: ]START LENGTH TARGET PARAMS},
 * e.g. {@code vg-snap: 0 2097152 snapshot 16/409600 16} or {@code 0 2097152 snapshot-merge Merge failed}.
 *
 * @param name the device name when {@code dmsetup} printed one (it does when listing several), else empty
 * @param startSector the target's first sector in the device
 * @param lengthSectors the target's length: the origin's size
 * @param target {@code snapshot} or {@code snapshot-merge}
 * @param status what the target reported
 */
public record StatusLine(String name, long startSector, long lengthSectors, String target, SnapshotStatus status) {
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_MERGE = "snapshot-merge";
    /** Longer than any line dmsetup prints for a snapshot (a 127-byte name and three numbers). */
    private static final int MAX_CHARS = 512;

    /** The line without a name, as {@code dmsetup status NAME} prints it. */
    public static StatusLine of(long lengthSectors, String target, SnapshotStatus status) {
        return new StatusLine("", 0, lengthSectors, target, status);
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "" : name + ": ") + Long.toUnsignedString(startSector) + " "
                + Long.toUnsignedString(lengthSectors) + " " + target + " " + status.params();
    }

    /**
     * Reads a line of {@code dmsetup status} (with or without {@code NAME: }); empty for a line that is
     * not a snapshot or snapshot-merge target's status (an origin, another target, damaged text).
     */
    public static Optional<StatusLine> parse(String line) {
        String t = line.strip();
        if (t.length() > MAX_CHARS) {
            return Optional.empty();
        }
        // The target word is the first "snapshot"/"snapshot-merge" token after two numbers; a name
        // may hold spaces and colons, so find the numbers from the target backwards, not the name forwards.
        for (int at = t.indexOf(" snapshot"); at >= 0; at = t.indexOf(" snapshot", at + 1)) {
            Optional<StatusLine> parsed = parseAt(t, at + 1);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    private static Optional<StatusLine> parseAt(String t, int targetStart) {
        int targetEnd = t.indexOf(' ', targetStart);
        if (targetEnd < 0) {
            return Optional.empty();
        }
        String target = t.substring(targetStart, targetEnd);
        if (!target.equals(SNAPSHOT) && !target.equals(SNAPSHOT_MERGE)) {
            return Optional.empty();
        }
        // START and LENGTH are the two words before the target, found backwards (a status log reads this per line)
        int lengthEnd = targetStart - 1;
        int lengthStart = t.lastIndexOf(' ', lengthEnd - 1) + 1;
        if (lengthStart == 0) {
            return Optional.empty();
        }
        int startStart = t.lastIndexOf(' ', lengthStart - 2) + 1;
        long start = number(t.substring(startStart, lengthStart - 1));
        long length = number(t.substring(lengthStart, lengthEnd));
        String name = "";
        if (startStart > 0) {
            String prefix = t.substring(0, startStart - 1);
            if (!prefix.endsWith(":") || prefix.length() < 2) {
                return Optional.empty();
            }
            name = prefix.substring(0, prefix.length() - 1);
        }
        Optional<SnapshotStatus> status = SnapshotStatus.parseParams(t.substring(targetEnd + 1));
        if (start < 0 || length < 0 || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatusLine(name, start, length, target, status.get()));
    }

    /** A sector count as the kernel prints it; -1 for anything else (no sector count is 2^63 or more). */
    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 19 || !Units.allDigits(digits)) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
