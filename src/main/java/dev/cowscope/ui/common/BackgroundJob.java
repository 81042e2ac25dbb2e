package dev.cowscope.ui.common;

import dev.cowscope.format.Progress;

/**
 * A piece of work for a background thread: it reports to the engine's {@link Progress} seam and
 * returns an immutable result. It must not touch anything observable.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface BackgroundJob<T> {
    T call(Progress progress) throws Exception;
}
