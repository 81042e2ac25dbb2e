package dev.cowscope.merge;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sparse file holds data, from {@code lseek(SEEK_DATA / SEEK_HOLE)} (as {@code cp
 * --sparse} finds it), so a copy can skip the holes. Anywhere this cannot be asked (not Linux, no
 * JNA, a file system without the whence values), the whole file counts as data.
 */
final class DataRegions {
    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    private DataRegions() {
        throw new AssertionError("no instances");
    }

    private interface CLib extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Data regions of {@code file} below {@code sizeBytes}, as {start, end} pairs in ascending order. */
    static List<long[]> of(Path file, long sizeBytes) {
        List<long[]> whole = List.of(new long[] {0, sizeBytes});
        if (!Platform.isLinux() || sizeBytes == 0) {
            return whole;
        }
        CLib c;
        int fd;
        try {
            c = Native.load("c", CLib.class);
            fd = c.open(file.toString(), O_RDONLY);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return whole;
        }
        try {
            List<long[]> regions = new ArrayList<>();
            long at = 0;
            while (at < sizeBytes) {
                long data;
                try {
                    data = c.lseek(fd, at, SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        break; // only a hole remains
                    }
                    return whole;
                }
                if (data >= sizeBytes) {
                    break;
                }
                long hole = Math.min(sizeBytes, c.lseek(fd, data, SEEK_HOLE));
                regions.add(new long[] {data, hole});
                at = hole;
            }
            return regions;
        } catch (LastErrorException e) {
            return whole;
        } finally {
            try {
                c.close(fd);
            } catch (LastErrorException ignored) {
                // read-only descriptor
            }
        }
    }
}
