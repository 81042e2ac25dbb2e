package dev.cowscope.merge;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import com.sun.nio.file.ExtendedOpenOption;

/**
 * Writes byte ranges of a large new image, the aligned bulk of each through {@code O_DIRECT}: a
 * multi-GiB output then costs no page-cache allocation and no second pass at fsync (on this kind
 * of machine that is what made a buffered copy slower than {@code cp}), and leaves the user's
 * cache to the user. Unaligned heads and tails, and file systems that refuse {@code O_DIRECT}
 * (tmpfs), go through the page cache.
 */
final class DirectWriter {
    interface Source {
        void read(long offset, ByteBuffer dst) throws IOException;
    }

    private static final int WINDOW_BYTES = 8 << 20;

    private final FileChannel buffered;
    private Optional<FileChannel> direct;
    private final int align;
    private final ByteBuffer window;

    /** @param bypassCache try {@code O_DIRECT}; false writes everything through the page cache */
    DirectWriter(AtomicOutput out, boolean bypassCache) throws IOException {
        this.buffered = out.channel();
        this.direct = bypassCache ? openDirect(out) : Optional.empty();
        this.align = out.blockSize();
        this.window = ByteBuffer.allocateDirect(WINDOW_BYTES + align).alignedSlice(align);
    }

    private static Optional<FileChannel> openDirect(AtomicOutput out) {
        try {
            return Optional.of(out.openChannel(ExtendedOpenOption.DIRECT));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // tmpfs and some FUSE file systems: the page cache it is
        }
    }

    boolean bypassesCache() {
        return direct.isPresent();
    }

    /** Fills {@code [from, to)} of the output with {@code source}'s bytes at the same offsets. */
    void copy(long from, long to, Source source, Progress progress) throws IOException {
        long at = from;
        while (at < to) {
            progress.checkCancelled();
            int length = (int) Math.min(window.capacity(), to - at);
            int misaligned = (int) (at % align);
            if (misaligned != 0) {
                length = Math.min(length, align - misaligned); // a short head window: the next ones start aligned
            }
            window.clear().limit(length);
            source.read(at, window);
            int directBytes = direct.isPresent() && misaligned == 0 ? length - length % align : 0;
            if (directBytes > 0 && !writeDirect(window.duplicate().position(0).limit(directBytes), at)) {
                directBytes = 0; // refused: this window and the rest go through the page cache
            }
            if (directBytes < length) {
                writeFully(buffered, window.duplicate().position(directBytes).limit(length), at + directBytes);
            }
            progress.worked(length);
            at += length;
        }
    }

    /**
     * Some stacks accept {@code O_DIRECT} at open and refuse its writes (a device whose logical
     * block is larger than the file system's block): then stop trying, nothing is lost.
     */
    private boolean writeDirect(ByteBuffer bytes, long at) {
        try {
            writeFully(direct.get(), bytes, at);
            return true;
        } catch (IOException e) {
            direct = Optional.empty();
            return false;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }
}
