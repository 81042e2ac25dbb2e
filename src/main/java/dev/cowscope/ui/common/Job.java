package dev.cowscope.ui.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A named {@link BackgroundJob} with what to do afterwards; the callbacks run on the FX thread
 * (or, with {@link CurrentThreadTaskRunner}, on the caller's thread).
 *
 * @param <T> the result
 */
public final class Job<T> {
    private final String title;
    private final BackgroundJob<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = error -> { };
    private Runnable onCancelled = () -> { };

    private Job(String title, BackgroundJob<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> Job<T> of(String title, BackgroundJob<T> work) {
        return new Job<>(title, work);
    }

    public Job<T> onSuccess(Consumer<T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public Job<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    public Job<T> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    public String title() {
        return title;
    }

    BackgroundJob<T> work() {
        return work;
    }

    void succeeded(T result) {
        onSuccess.accept(result);
    }

    void failed(Throwable error) {
        onFailure.accept(error);
    }

    void cancelled() {
        onCancelled.run();
    }
}
