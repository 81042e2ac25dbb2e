package dev.cowscope.monitor;

import dev.cowscope.format.StatusLine;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A status log being recorded: one {@code <epoch seconds> <status line>} per sample, flushed as it is
 * written so {@code tail -f} and {@code fill-log} can read it while the watch runs. A recording grows
 * line by line, so it is appended to in place (a new file, or an existing regular file to continue)
 * rather than written whole and renamed; anything that is not a regular file is refused, so a typo
 * never writes over a device node.
 */
public final class StatusRecord implements Closeable {
    private final Writer out;

    private StatusRecord(Writer out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it when missing. */
    public static StatusRecord open(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file; --record writes a new file or continues a log");
        }
        return new StatusRecord(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /** Appends one sample, the time with millisecond precision. */
    public void append(long micros, StatusLine line) throws IOException {
        out.write(LogTime.seconds(micros / 1000 * 1000).toPlainString() + " " + line + "\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
