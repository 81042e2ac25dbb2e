package dev.cowscope.alignment;

import dev.cowscope.format.TextInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reading and recognising the text inputs of an alignment check ({@code filefrag -v}/{@code -e} output
 * or dm-linear table lines), so front ends open no files themselves.
 */
public final class AlignmentInputs {
    /** A filefrag paste of a file with a million extents is about 100 MiB; refuse more than that. */
    public static final long MAX_TEXT_BYTES = 128L << 20;
    private static final Pattern TABLE_LINE = Pattern.compile("^(?:[^\\s:]+:\\s+)?\\d+\\s+\\d+\\s+\\S+(?:\\s|$).*");
    private static final Pattern FILEFRAG_ROW = Pattern.compile("^\\s*\\d+:\\s*[0-9a-fA-F]+\\.\\..*");

    private AlignmentInputs() {
        throw new AssertionError("no instances");
    }

    /**
     * The text of a filefrag or table file (UTF-8), refusing more than {@link #MAX_TEXT_BYTES}: counted
     * while reading, as {@code /dev/zero}, FIFOs and {@code /proc} files report size 0.
     */
    public static String readText(Path file) throws IOException {
        return TextInput.read(file, MAX_TEXT_BYTES, "text input");
    }

    /**
     * True when the first meaningful line looks like a table line ({@code <start> <len> <target> …},
     * optionally {@code name: }-prefixed) rather than filefrag output; blank lines and {@code #} comments
     * are skipped.
     */
    public static boolean looksLikeTable(String text) {
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return !FILEFRAG_ROW.matcher(line).matches() && TABLE_LINE.matcher(line).matches();
        }
        return false;
    }
}
