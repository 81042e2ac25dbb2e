package dev.cowscope.merge;

import com.sun.jna.LastErrorException;
import dev.cowscope.nativeio.LibC;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a sparse file holds data, from {@code lseek(SEEK_DATA / SEEK_HOLE)} (as {@code cp
 * --sparse} finds it), so a copy can skip the holes. Anywhere this cannot be asked (not Linux, no
 * JNA, a file system without the whence values), the whole file counts as data.
 */
final class DataRegions {
    private DataRegions() {
        throw new AssertionError("no instances");
    }

    /** Data regions of {@code file} below {@code sizeBytes}, as {start, end} pairs in ascending order. */
    static List<long[]> of(Path file, long sizeBytes) {
        List<long[]> whole = List.of(new long[] {0, sizeBytes});
        Optional<LibC> libc = LibC.load();
        if (libc.isEmpty() || sizeBytes == 0) {
            return whole;
        }
        LibC c = libc.get();
        int fd;
        try {
            fd = c.open(file.toString(), LibC.O_RDONLY);
        } catch (LastErrorException e) {
            return whole;
        }
        try {
            List<long[]> regions = new ArrayList<>();
            long at = 0;
            while (at < sizeBytes) {
                long data;
                try {
                    data = c.lseek(fd, at, LibC.SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.ENXIO) {
                        break; // only a hole remains
                    }
                    return whole;
                }
                if (data >= sizeBytes) {
                    break;
                }
                long hole = Math.min(sizeBytes, c.lseek(fd, data, LibC.SEEK_HOLE));
                regions.add(new long[] {data, hole});
                at = hole;
            }
            return regions;
        } catch (LastErrorException e) {
            return whole;
        } finally {
            c.closeQuietly(fd);
        }
    }
}
