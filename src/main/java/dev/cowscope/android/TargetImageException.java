package dev.cowscope.android;

/** AOSP would show no target image, or fail a read of it: the reason, in words. */
public final class TargetImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetImageException(String message) {
        super(message);
    }
}
