package dev.cowscope.alignment;

import java.io.IOException;

/** Live extents could not be read; the message says why in plain words. */
public final class FiemapException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public FiemapException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The C {@code errno}, or 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
