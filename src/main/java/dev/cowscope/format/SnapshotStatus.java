package dev.cowscope.format;

import java.util.Optional;

/**
 * What the kernel's {@code snapshot_status} prints for a snapshot (or snapshot-merge) target, the
 * one status model of usage, sizing, merge and monitoring: {@code <allocated>/<total> <metadata>}
 * sectors ({@code persistent_usage}) for a working store, or the word it prints instead.
 *
 * @param state which of the kernel's forms, or {@link State#NO_DEVICE} when there is nothing to ask
 * @param sectorsAllocated {@code next_free × chunk size}, header and metadata included (for a word form,
 *     what the store holds when read offline, else 0: the kernel prints no numbers then)
 * @param totalSectors the COW device's size in sectors (not rounded to chunks); 0 when not known
 * @param metadataSectors {@code (current_area + 2) × chunk size}: header plus areas 0..current (as above)
 */
public record SnapshotStatus(State state, long sectorsAllocated, long totalSectors, long metadataSectors) {
    /** The kernel's forms, in the order {@code snapshot_status} tests them, plus "no device". */
    public enum State {
        /** {@code !s->valid}: invalidated, and stays dead. */
        INVALID("Invalid"),
        /** {@code s->merge_failed}: the merge stopped on an error; the store still reads. */
        MERGE_FAILED("Merge failed"),
        /** {@code s->snapshot_overflowed}: a PO snapshot that ran out of space; reads still work. */
        OVERFLOW("Overflow"),
        /** The numbers. */
        ACTIVE(""),
        /** A store type without a usage method (never a persistent or transient store). */
        UNKNOWN("Unknown"),
        /** No device to ask: its table load fails (the COW is smaller than the header and area 0). */
        NO_DEVICE("(no device: zero_disk_area(0) failed, the COW is smaller than 2 chunks)");

        private final String word;

        State(String word) {
            this.word = word;
        }
    }

    private static final State[] WORD_FORMS = {State.INVALID, State.MERGE_FAILED, State.OVERFLOW, State.UNKNOWN};

    /** The numbers a working store prints. */
    public static SnapshotStatus active(long sectorsAllocated, long totalSectors, long metadataSectors) {
        return new SnapshotStatus(State.ACTIVE, sectorsAllocated, totalSectors, metadataSectors);
    }

    /** A word form ({@code Invalid}, {@code Overflow} …) of a COW of {@code totalSectors} (0 if unknown). */
    public static SnapshotStatus of(State state, long totalSectors) {
        if (state == State.ACTIVE) {
            throw new IllegalArgumentException("an active status has numbers; use active()");
        }
        return new SnapshotStatus(state, 0, totalSectors, 0);
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /** The status parameters exactly as the kernel prints them, e.g. {@code 2424/8192 24} or {@code Overflow}. */
    public String params() {
        if (!isActive()) {
            return state.word;
        }
        return Long.toUnsignedString(sectorsAllocated) + "/" + Long.toUnsignedString(totalSectors) + " "
                + Long.toUnsignedString(metadataSectors);
    }

    /** The word the kernel prints instead of numbers, or empty for an active store. */
    public String word() {
        return isActive() ? "" : state.word;
    }

    /** Allocated share of the device in percent, two decimals (the kernel's numbers are unsigned). */
    public double percentFull() {
        if (totalSectors == 0) {
            return 0;
        }
        return Math.round(10000.0 * Units.unsigned(sectorsAllocated) / Units.unsigned(totalSectors)) / 100.0;
    }

    /** Sectors of data chunks: allocated minus header and metadata. */
    public long dataSectors() {
        return sectorsAllocated - metadataSectors;
    }

    /** {@code sectors_allocated == metadata_sectors}: the documented "merge finished" test. */
    public boolean mergeFinished() {
        return isActive() && sectorsAllocated == metadataSectors;
    }

    /**
     * Reads the parameters the kernel prints ({@code 16/409600 16}, {@code Invalid}, {@code Merge failed},
     * {@code Overflow}, {@code Unknown}); anything else is empty. Numbers are unsigned 64-bit, as
     * {@code %llu} prints them.
     */
    public static Optional<SnapshotStatus> parseParams(String params) {
        String p = params.strip();
        for (State s : WORD_FORMS) {
            if (s.word.equals(p)) {
                return Optional.of(of(s, 0));
            }
        }
        int slash = p.indexOf('/');
        int space = p.indexOf(' ', Math.max(slash, 0));
        if (slash <= 0 || space < 0 || p.indexOf(' ', space + 1) >= 0) {
            return Optional.empty();
        }
        long allocated = unsigned(p.substring(0, slash));
        long total = unsigned(p.substring(slash + 1, space));
        long metadata = unsigned(p.substring(space + 1));
        if (allocated == -1 || total == -1 || metadata == -1) { // -1 is also 2^64-1, which no sector count reaches
            return Optional.empty();
        }
        return Optional.of(active(allocated, total, metadata));
    }

    private static long unsigned(String digits) {
        if (digits.isEmpty() || digits.length() > 20 || !Units.allDigits(digits)) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
