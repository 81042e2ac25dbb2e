package dev.cowscope.format;

import java.util.concurrent.CancellationException;

/**
 * The engine's view of a long operation's observer: the UI adapts it into a JavaFX {@code Task},
 * the CLI into a stderr progress line. Engine code calls {@link #checkCancelled()} at least once
 * per metadata area (or per buffer in streaming passes).
 */
public interface Progress {
    /** Progress that reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String phase, long totalWork) {
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Starts a phase; {@code totalWork} is in the phase's own units, or -1 when unknown. */
    void begin(String phase, long totalWork);

    /** Adds {@code units} of work done in the current phase. */
    void worked(long units);

    boolean isCancelled();

    /** Throws {@link CancellationException} when the observer asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
