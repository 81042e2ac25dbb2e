package dev.cowscope.ui.common;

import dev.cowscope.format.Progress;
import javafx.concurrent.Task;

/**
 * Adapts the engine's {@link Progress} into a JavaFX {@link Task}: a phase becomes the message,
 * work becomes progress (both coalesced by JavaFX), and cancel is the task's own.
 *
 * @param <T> the result
 */
final class ProgressTask<T> extends Task<T> {
    private final Job<T> job;
    private final Progress progress = new Progress() {
        private long total = -1;
        private long done;

        @Override
        public void begin(String phase, long totalWork) {
            total = totalWork;
            done = 0;
            updateMessage(phase);
            updateProgress(-1, 1);
        }

        @Override
        public void worked(long units) {
            done += units;
            if (total > 0) {
                updateProgress(Math.min(done, total), total);
            }
        }

        @Override
        public boolean isCancelled() {
            return ProgressTask.this.isCancelled();
        }
    };

    ProgressTask(Job<T> job) {
        this.job = job;
        updateTitle(job.title());
        updateMessage(job.title());
    }

    @Override
    protected T call() throws Exception {
        return job.work().call(progress);
    }
}
