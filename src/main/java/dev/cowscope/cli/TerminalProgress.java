package dev.cowscope.cli;

import dev.cowscope.format.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display on stderr, only when stderr is a terminal; silent otherwise. */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private String phase = "";
    private long total;
    private long done;
    private long lastPrintNanos;

    private TerminalProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress on(PrintWriter err) {
        return System.console() == null ? Progress.NONE : new TerminalProgress(err, true);
    }

    /** Always shows the line, terminal or not (tests). */
    static Progress always(PrintWriter err) {
        return new TerminalProgress(err, true);
    }

    @Override
    public void begin(String phase, long totalWork) {
        finishLine();
        this.phase = phase;
        this.total = totalWork;
        this.done = 0;
    }

    @Override
    public void worked(long units) {
        done += units;
        long now = System.nanoTime();
        if (enabled && now - lastPrintNanos > 200_000_000L) {
            lastPrintNanos = now;
            String pct = total > 0 ? String.format(Locale.ROOT, " %3d%%", Math.min(100, done * 100 / total)) : "";
            err.print("\r" + phase + pct + "   ");
            err.flush();
        }
    }

    /** Clears the progress line, if one was shown. */
    static void finish(Progress progress) {
        if (progress instanceof TerminalProgress) {
            ((TerminalProgress) progress).finishLine();
        }
    }

    private void finishLine() {
        if (enabled && lastPrintNanos != 0) {
            err.print("\r" + " ".repeat(phase.length() + 8) + "\r");
            err.flush();
            lastPrintNanos = 0;
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
