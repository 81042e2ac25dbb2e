package dev.cowscope.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * The few C library calls java.base cannot make (FIEMAP, SEEK_DATA/SEEK_HOLE), through JNA.
 * Linux only: {@link #load()} is empty elsewhere or when the library cannot be loaded.
 */
public interface LibC extends Library {
    int O_RDONLY = 0;
    int SEEK_DATA = 3;
    int SEEK_HOLE = 4;
    int ENXIO = 6;
    int ENOTTY = 25;
    int EOPNOTSUPP = 95;

    int open(String path, int flags) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    long lseek(int fd, long offset, int whence) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** The C library, or empty when not on Linux or JNA cannot load it. */
    static Optional<LibC> load() {
        if (!Platform.isLinux()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Native.load("c", LibC.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Closes a read-only descriptor, ignoring errors (nothing to lose). */
    default void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // read-only: no data to lose
        }
    }
}
