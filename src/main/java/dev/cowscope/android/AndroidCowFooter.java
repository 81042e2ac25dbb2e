package dev.cowscope.android;

/**
 * The v2 footer's operation ({@code CowFooterOperation}): {@code type} 0xff, {@code ops_size} and
 * {@code num_ops} that must match the op stream; the 64 bytes after it are unused.
 */
public record AndroidCowFooter(int type, int compression, int dataLength, long opsSize, long numOps, long offsetBytes) {
}
