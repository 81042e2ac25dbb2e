package dev.cowscope.merge;

import java.io.IOException;

/** The kernel would not merge this store (or we cannot reproduce its merge); the message says why, in its words where it has some. */
public final class MergeException extends IOException {
    private static final long serialVersionUID = 1L;

    public MergeException(String message) {
        super(message);
    }
}
