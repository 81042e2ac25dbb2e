package dev.cowscope.alignment;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;

/** Outcome for one table line, worst first by {@link #ordinal()} descending. */
public enum Verdict {
    /** Nothing the kernel objects to (may carry informational notes). */
    OK,
    /**
     * Not decided: a check this line needs could not be made (its device's size is unknown) and may
     * still fail it; never shown as accepted. Below WARN so a certain warning still shows.
     */
    UNKNOWN,
    /** Accepted, but the kernel prints an "alignment inconsistency" warning and marks the stack misaligned. */
    WARN,
    /** The kernel refuses the table because of this line. */
    REJECT;

    /**
     * What one finding makes of its line: a check that could not be made is UNKNOWN; otherwise
     * ERROR rejects, WARNING warns and a note leaves the line OK.
     */
    public static Verdict of(Finding finding) {
        if (finding.kind() == FindingKind.DEVICE_SIZE_UNKNOWN) {
            return UNKNOWN;
        }
        switch (finding.severity()) {
            case ERROR:
                return REJECT;
            case WARNING:
                return WARN;
            default:
                return OK;
        }
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
