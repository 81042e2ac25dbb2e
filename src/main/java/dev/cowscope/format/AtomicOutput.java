package dev.cowscope.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A new output file written beside its final name and renamed into place only when complete:
 * readers never see a half-written image, and a cancelled or failed run leaves nothing behind.
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target)) {
 *     ... write out.channel() ...
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private FileChannel extra;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Creates the temporary file in the target's directory, so the final rename is atomic. It is
     * created with default permissions (0666 less the umask, like any desktop application's
     * files), not a temp file's 0600, because it becomes the user's file.
     *
     * @throws NotARegularFileException when {@code target} exists and is not a regular file (a
     *     device node, FIFO, directory, or a symbolic link to one): renaming over it would replace
     *     a disk's node or a pipe with a file
     */
    public static AtomicOutput create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        refuseNonRegular(absolute);
        Path dir = absolute.getParent();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                return new AtomicOutput(absolute, temp, channel);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new java.nio.file.NoSuchFileException(target + ": cannot write it: the folder " + dir + " does not exist");
            } catch (java.nio.file.AccessDeniedException e) {
                throw new java.nio.file.AccessDeniedException(target + ": cannot write it: permission denied in the folder " + dir);
            }
        }
    }

    /** Only a missing file or a regular file (followed through links) may be replaced. */
    private static void refuseNonRegular(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.exists(target)) {
            throw new NotARegularFileException(target + " is a symbolic link to nothing; choose a new file as the output");
        }
        BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory" : Files.isSymbolicLink(target) ? "a link to a device or pipe"
                    : "a device node or pipe";
            throw new NotARegularFileException(target + " is " + kind + ", not a regular file; the output is written to a new "
                    + "file and renamed over the old one, which would replace it; choose a file name");
        }
    }

    /** The output exists and is not a regular file: nothing was written. */
    public static final class NotARegularFileException extends IOException {
        private static final long serialVersionUID = 1L;

        NotARegularFileException(String message) {
            super(message);
        }
    }

    public FileChannel channel() {
        return channel;
    }

    /**
     * The file as an unbuffered stream for writers that want one (JSON, CSV, PNG). Closing the
     * stream only flushes it: {@link #commit()} still decides whether the file appears.
     */
    public java.io.OutputStream outputStream() {
        return new java.io.FilterOutputStream(java.nio.channels.Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * Another channel on the file, opened for writing with {@code options} added (such as
     * {@code O_DIRECT} for writers of multi-GiB images). {@link #commit()} flushes what it wrote
     * with the file; closing the output closes it.
     *
     * @throws IOException when the file system refuses an option ({@code O_DIRECT} on tmpfs)
     */
    public FileChannel openChannel(OpenOption... options) throws IOException {
        if (extra != null) {
            throw new IllegalStateException("one extra channel per output");
        }
        OpenOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = StandardOpenOption.WRITE;
        extra = FileChannel.open(temp, all);
        return extra;
    }

    /** The file system's block size: the alignment {@code O_DIRECT} needs. */
    public int blockSize() throws IOException {
        return Math.toIntExact(Files.getFileStore(temp).getBlockSize());
    }

    public Path target() {
        return target;
    }

    /** Flushes to stable storage and renames the file to its final name. */
    public void commit() throws IOException {
        channel.force(true); // fsync is per file: it covers what went through the extra channel too
        closeChannels();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            closeChannels();
            Files.deleteIfExists(temp);
        }
    }

    private void closeChannels() throws IOException {
        try {
            channel.close();
        } finally {
            if (extra != null) {
                extra.close();
            }
        }
    }
}
