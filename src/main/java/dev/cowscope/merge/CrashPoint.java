package dev.cowscope.merge;

/** Where a power loss hits a merge step. */
public enum CrashPoint {
    /**
     * The step's copy reached the origin (wholly or in part) but {@code commit_merge} had not
     * written the area: the entries are still on disk and the step is merged again.
     */
    BEFORE_COMMIT,
    /** The area write with the zeroed entries reached the disk (REQ_FUA). */
    AFTER_COMMIT
}
