package dev.cowscope.ui.common;

import javafx.animation.AnimationTimer;

/** Runs an action on the FX thread once the scene graph has gone through a number of pulses. */
public final class AfterFrames {
    private AfterFrames() {
        throw new AssertionError("no instances");
    }

    /** Runs {@code action} in the {@code frames}-th pulse from now (the one before it has been rendered). */
    public static void run(int frames, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen == frames) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
