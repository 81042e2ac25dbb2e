package dev.cowscope.alignment;

/** Outcome for one table line, worst first by {@link #ordinal()} descending. */
public enum Verdict {
    /** Nothing the kernel objects to (may carry informational notes). */
    OK,
    /** Accepted, but the kernel prints an "alignment inconsistency" warning and marks the stack misaligned. */
    WARN,
    /** The kernel refuses the table because of this line. */
    REJECT;

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
