package dev.cowscope.alignment;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.cowscope.nativeio.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live extents of a file through the {@code FS_IOC_FIEMAP} ioctl ({@code include/uapi/linux/fiemap.h}),
 * with {@code FIEMAP_FLAG_SYNC}, repeated from the end of the last extent until {@code FIEMAP_EXTENT_LAST}
 * as filefrag does. Linux only, via JNA.
 */
public final class Fiemap {
    /** {@code _IOWR('f', 11, struct fiemap)}. */
    static final long FS_IOC_FIEMAP = 0xC020660BL;
    static final int FIEMAP_FLAG_SYNC = 0x1;
    private static final int HEADER_BYTES = 32;
    private static final int EXTENT_BYTES = 56;
    private static final int EXTENTS_PER_CALL = 292;
    static final int ENOTTY = LibC.ENOTTY;
    static final int EOPNOTSUPP = LibC.EOPNOTSUPP;

    private Fiemap() {
        throw new AssertionError("no instances");
    }

    /** Reads all extents of {@code file}. */
    public static List<Extent> read(Path file) throws FiemapException {
        if (!Platform.isLinux()) {
            throw new FiemapException("reading live extents needs Linux (the FIEMAP ioctl); on "
                + System.getProperty("os.name") + " run 'filefrag -v' on the Linux machine and paste its output", 0);
        }
        if (!Files.isRegularFile(file)) {
            throw new FiemapException(file + ": not a regular file (or it does not exist)", 0);
        }
        LibC c = LibC.load().orElseThrow(() -> new FiemapException("cannot load the C library through JNA to call FIEMAP", 0));
        int fd;
        try {
            fd = c.open(file.toString(), LibC.O_RDONLY);
        } catch (LastErrorException e) {
            throw new FiemapException(file + ": cannot open: errno " + e.getErrorCode(), e.getErrorCode());
        }
        try {
            return readAll(c, fd, file);
        } finally {
            c.closeQuietly(fd);
        }
    }

    private static List<Extent> readAll(LibC c, int fd, Path file) throws FiemapException {
        List<Extent> extents = new ArrayList<>();
        Memory buffer = new Memory(HEADER_BYTES + (long) EXTENT_BYTES * EXTENTS_PER_CALL);
        long start = 0;
        while (true) {
            buffer.clear();
            buffer.setLong(0, start);
            buffer.setLong(8, -1L); // FIEMAP_MAX_OFFSET: to the end
            buffer.setInt(16, FIEMAP_FLAG_SYNC);
            buffer.setInt(24, EXTENTS_PER_CALL);
            try {
                c.ioctl(fd, new NativeLong(FS_IOC_FIEMAP), buffer);
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == EOPNOTSUPP || errno == ENOTTY) {
                    throw new FiemapException("the file system holding " + file + " does not support FIEMAP (errno "
                        + errno + "); use 'filefrag -v' output from a file system that does", errno);
                }
                throw new FiemapException(file + ": FIEMAP failed: errno " + errno, errno);
            }
            int mapped = buffer.getInt(20);
            if (mapped == 0) {
                return extents;
            }
            Extent last = null;
            for (int i = 0; i < mapped; i++) {
                long at = HEADER_BYTES + (long) EXTENT_BYTES * i;
                try {
                    last = new Extent(buffer.getLong(at), buffer.getLong(at + 8), buffer.getLong(at + 16),
                        buffer.getInt(at + 40));
                } catch (IllegalArgumentException e) {
                    // u64 fields past 2^63: no real file system reports these
                    throw new FiemapException(file + ": FIEMAP gave an impossible extent: " + e.getMessage(), 0);
                }
                extents.add(last);
            }
            if (last.has(FiemapFlags.LAST)) {
                return extents;
            }
            start = last.logicalEndBytes();
        }
    }

    /**
     * The {@code major:minor} of the device holding {@code file} ({@code st_dev}), which is where
     * {@code fe_physical} points; empty when the platform does not tell.
     */
    public static Optional<String> deviceOf(Path file) {
        try {
            Object dev = Files.getAttribute(file, "unix:dev");
            if (!(dev instanceof Long d)) {
                return Optional.empty();
            }
            // glibc's dev_t encoding
            long major = ((d >>> 8) & 0xfffL) | ((d >>> 32) & 0xfffff000L);
            long minor = (d & 0xffL) | ((d >>> 12) & 0xffffff00L);
            return Optional.of(major + ":" + minor);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
