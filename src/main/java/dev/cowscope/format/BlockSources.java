package dev.cowscope.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens images read-only: regular files, block devices (size from the device) and compressed
 * images (gzip, xz, zstd, recognised by their magic bytes), which are read without a full-size
 * copy: see {@link CompressedBlockSource}.
 */
public final class BlockSources {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private BlockSources() {
        throw new AssertionError("no instances");
    }

    public static BlockSource open(Path path) throws CowFormatException {
        return open(path, Progress.NONE);
    }

    /**
     * Opens {@code path} for reading only.
     *
     * @throws CowFormatException of kind {@code UNREADABLE} with a message naming the path and
     *     what is missing (the file, the permission)
     */
    public static BlockSource open(Path path, Progress progress) throws CowFormatException {
        String name = path.toString();
        int mode = mode(path); // one stat for all three questions: it was a third of a small file's parse
        if (mode >= 0 ? (mode & S_IFMT) == S_IFDIR : Files.isDirectory(path)) {
            throw unreadable(name, "is a directory, not an image file or block device", null);
        }
        boolean blockDevice = mode >= 0 && (mode & S_IFMT) == S_IFBLK;
        String notAnImage = blockDevice || mode < 0 ? null : notAnImage(mode);
        if (notAnImage != null) {
            // a FIFO would block the open until a writer comes; /dev/zero would never end
            throw unreadable(name, "is " + notAnImage + ", not an image file or block device", null);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw unreadable(name, "no such file or device", e);
        } catch (AccessDeniedException e) {
            String who = blockDevice
                    ? "permission denied: reading a block device needs read permission on it (run as root or as a member of the 'disk' group)"
                    : "permission denied: this user may not read the file";
            throw unreadable(name, who, e);
        } catch (IOException | SecurityException e) {
            throw unreadable(name, "cannot open: " + e.getMessage(), e);
        }
        try {
            if (blockDevice) {
                return new FileBlockSource(name, SourceKind.BLOCK_DEVICE, channel, blockDeviceSize(path, channel));
            }
            Compression compression = compression(channel);
            if (compression != null) {
                channel.close();
                return CompressedBlockSource.open(path, compression, progress);
            }
            return new FileBlockSource(name, SourceKind.FILE, channel, channel.size());
        } catch (CowFormatException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw unreadable(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /** True for a block special file (a disk, partition, loop or dm device). */
    public static boolean isBlockDevice(Path path) {
        int mode = mode(path);
        return mode >= 0 && (mode & S_IFMT) == S_IFBLK;
    }

    /** {@code st_mode} of {@code path} (links followed), -1 when it cannot be had: the open then says what is wrong. */
    private static int mode(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer m ? m : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return -1;
        }
    }

    /** What a file of {@code mode} is when it is neither a regular file nor a block device ("a FIFO" …), else null. */
    private static String notAnImage(int mode) {
        switch (mode & S_IFMT) {
            case S_IFREG:
                return null;
            case S_IFCHR:
                return "a character device";
            case S_IFIFO:
                return "a FIFO (named pipe)";
            case S_IFSOCK:
                return "a socket";
            default:
                return "not a regular file";
        }
    }

    /**
     * {@code FileChannel.size()} reports 0 for a block device on some JDKs: ask sysfs
     * ({@code /sys/class/block/<name>/size} counts 512-byte sectors), else seek to the end.
     */
    static long blockDeviceSize(Path path, FileChannel channel) throws IOException {
        try {
            Path real = path.toRealPath();
            Path sysSize = Path.of("/sys/class/block", real.getFileName().toString(), "size");
            if (Files.isReadable(sysSize)) {
                long sectors = Long.parseLong(Files.readString(sysSize).trim());
                return Math.multiplyExact(sectors, Units.SECTOR_BYTES);
            }
        } catch (IOException | NumberFormatException | ArithmeticException e) {
            // fall through to the channel's own idea of the size
        }
        long size = channel.size();
        if (size > 0) {
            return size;
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(path.toFile(), "r")) {
            return raf.length();
        }
    }

    private static Compression compression(FileChannel channel) throws IOException {
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(Compression.LONGEST_MAGIC);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // a short read of a small file: what there is decides
        }
        return Compression.of(head.array(), head.position());
    }

    private static CowFormatException unreadable(String name, String why, Throwable cause) {
        return new CowFormatException(CowFormatException.Kind.UNREADABLE, -1, name + ": " + why, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
