package dev.cowscope.cli;

/** The command line's exit codes, the same for every verb (DESIGN §3). */
public final class ExitCode {
    /** Done; no finding at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Done, but findings at or above {@code --fail-on} (default: error). */
    public static final int FINDINGS = 1;
    /** Bad command line; usage was printed. */
    public static final int USAGE = 2;
    /** The input cannot be read, or is not what the verb needs (not a COW, unreadable device). */
    public static final int UNREADABLE = 3;
    /** {@code watch}: the snapshot became Invalid, overflowed or its merge failed. */
    public static final int LOST = 5;
    /** A bug in CowScope (an error it did not expect): one line on stderr, never a finding. */
    public static final int INTERNAL = 4;

    private ExitCode() {
        throw new AssertionError("no instances");
    }
}
