package dev.cowscope.format;

import java.io.IOException;
import java.util.Locale;

/**
 * Raised only when there is nothing to show: the source cannot be read at all, or it is not a
 * COW device. Everything else is a {@link Finding} in the result.
 */
public final class CowFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why opening failed. */
    public enum Kind {
        /** The file or device cannot be opened or read (missing, permission, I/O error). */
        UNREADABLE,
        /** The header is not a dm-snapshot persistent store header. */
        NOT_A_COW,
        /** The source ends before the header chunk is complete. */
        TRUNCATED,
        /** The source is larger than anything we can address. */
        TOO_LARGE
    }

    private final Kind kind;
    private final long offsetBytes;

    public CowFormatException(Kind kind, long offsetBytes, String message) {
        super(message);
        this.kind = kind;
        this.offsetBytes = offsetBytes;
    }

    public CowFormatException(Kind kind, long offsetBytes, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.offsetBytes = offsetBytes;
    }

    public Kind kind() {
        return kind;
    }

    /** Byte offset the problem was found at, or -1 when it concerns the whole source. */
    public long offsetBytes() {
        return offsetBytes;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value).toLowerCase(Locale.ROOT);
    }
}
