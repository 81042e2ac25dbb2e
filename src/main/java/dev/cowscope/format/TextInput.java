package dev.cowscope.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a text input (a table, filefrag output, a ranges list, a status log) with a size cap.
 * The cap is enforced on what is read, not on what the file system reports: {@code /dev/zero},
 * a FIFO or {@code /proc} files report size 0 and would otherwise be read until the heap is gone.
 */
public final class TextInput {
    private TextInput() {
        throw new AssertionError("no instances");
    }

    /**
     * The whole text (UTF-8, malformed bytes replaced), at most {@code maxBytes}.
     *
     * @param what the input's name in messages, such as "--table"
     * @throws IOException naming {@code what} and the file when it is missing, unreadable, a
     *     directory or longer than {@code maxBytes}
     */
    public static String read(Path file, long maxBytes, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(what + ": " + file + " is a directory, not a text file");
        }
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(cap + 1);
            if (bytes.length > cap) {
                throw new IOException(String.format(Locale.ROOT, "%s: %s is longer than %s; this input is text of at most that size",
                        what, file, Units.human(cap)));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(what + ": " + file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(what + ": " + file + ": permission denied", e);
        }
    }
}
