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

    int PRIO_PROCESS = 0;

    /** The calling thread's kernel id (glibc 2.30 and later). */
    int gettid() throws LastErrorException;

    /** With {@code PRIO_PROCESS} and a thread id, Linux sets that one thread's nice value. */
    int setpriority(int which, int who, int prio) throws LastErrorException;

    /** The C library, or empty when not on Linux or JNA cannot load it (loaded once). */
    static Optional<LibC> load() {
        return Loaded.C;
    }

    /**
     * Makes the calling thread nicer ({@code niceness} 1–19): background work then yields the
     * CPU to the FX and render threads when both compete, and runs at full speed otherwise.
     * Raising the nice value needs no privilege. Returns false when the system refuses.
     */
    static boolean lowerCurrentThreadPriority(int niceness) {
        Optional<LibC> libc = load();
        if (libc.isEmpty()) {
            return false;
        }
        try {
            libc.get().setpriority(PRIO_PROCESS, libc.get().gettid(), niceness);
            return true;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return false;
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

    /** Holds the library: loaded on first use, then shared by every caller and thread. */
    final class Loaded {
        private static final Optional<LibC> C = loadLibrary();

        private Loaded() {
        }

        private static Optional<LibC> loadLibrary() {
            if (!Platform.isLinux()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Native.load("c", LibC.class));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
