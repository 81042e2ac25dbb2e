package dev.cowscope.sizing;

/**
 * A written byte range of the origin, e.g. one line {@code offset length} of a ranges file.
 *
 * @param offsetBytes first byte written
 * @param lengthBytes bytes written; 0 writes nothing
 */
public record ByteRange(long offsetBytes, long lengthBytes) {
    public ByteRange {
        if (offsetBytes < 0 || lengthBytes < 0) {
            throw new IllegalArgumentException("range offset and length must not be negative: " + offsetBytes + " " + lengthBytes);
        }
        try {
            Math.addExact(offsetBytes, lengthBytes);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("range end overflows: " + offsetBytes + " + " + lengthBytes, e);
        }
    }

    /** One past the last byte. */
    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
