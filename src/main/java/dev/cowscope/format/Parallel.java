package dev.cowscope.format;

import java.util.function.IntConsumer;

/**
 * Work on helper threads that the engine waits for: nothing here returns while a helper may still touch the
 * caller's data, an interrupt meanwhile is kept for the caller, and a helper's failure (an Error too) is thrown
 * to the caller, never lost.
 */
public final class Parallel {
    private Parallel() {
        throw new AssertionError("no instances");
    }

    /** Runs {@code part.accept(0 … parts - 1)}, part 0 on this thread and the others each on a daemon thread named {@code name}. */
    public static void run(String name, int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        Throwable[] failure = new Throwable[parts];
        Thread[] helpers = new Thread[parts - 1];
        for (int p = 1; p < parts; p++) {
            int index = p;
            helpers[p - 1] = new Thread(() -> {
                try {
                    part.accept(index);
                } catch (Throwable t) {
                    failure[index] = t;
                }
            }, name);
            helpers[p - 1].setDaemon(true);
            helpers[p - 1].start();
        }
        try {
            part.accept(0);
        } finally {
            for (Thread helper : helpers) {
                joinUninterruptibly(helper);
            }
        }
        for (Throwable t : failure) {
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** Waits until {@code thread} has ended; an interrupt meanwhile does not cut the wait short, and is kept. */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
