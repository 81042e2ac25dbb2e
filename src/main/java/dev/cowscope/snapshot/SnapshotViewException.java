package dev.cowscope.snapshot;

/** The kernel would not serve this snapshot view (and salvage was not asked for). */
public final class SnapshotViewException extends Exception {
    private static final long serialVersionUID = 1L;

    public SnapshotViewException(String message) {
        super(message);
    }
}
