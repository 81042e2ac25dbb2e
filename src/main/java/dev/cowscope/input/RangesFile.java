package dev.cowscope.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.TextInput;
import dev.cowscope.format.Units;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.RangesText;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a written-ranges file for sizing: lines {@code offset length} ({@link RangesText}), or a
 * JSON array of {@code {"offset": …, "length": …}} (numbers, or sizes such as {@code "4K"}).
 * Used by {@code size --ranges} and the Plan tab.
 */
public final class RangesFile {
    /**
     * 128 MiB: a ranges file is a trace of writes, about 20 bytes a line, so this holds ~6 million
     * ranges (more than blktrace of a large OS update gives), and reading it stays within a
     * desktop's heap; {@code /dev/zero} or a FIFO stops here instead of at an OutOfMemoryError.
     */
    public static final long MAX_BYTES = 128L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RangesFile() {
        throw new AssertionError("no instances");
    }

    /**
     * @param what the input's name in messages, such as "--ranges"
     * @throws NoSuchFileException naming the file when it does not exist
     * @throws IOException when it cannot be read, is a directory or is longer than {@link #MAX_BYTES}
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static List<ByteRange> read(Path file, String what) throws IOException {
        return parse(TextInput.read(file, MAX_BYTES, what), what + " " + file);
    }

    /** {@link #read(Path, String)} for the Plan tab: the input is named "ranges file". */
    public static List<ByteRange> read(Path file) throws IOException {
        return read(file, "ranges file");
    }

    /**
     * Parses the text of a ranges file.
     *
     * @param name the input in messages
     * @throws IllegalArgumentException naming {@code name} and what is wrong, for text and JSON alike
     */
    public static List<ByteRange> parse(String text, String name) {
        if (!text.stripLeading().startsWith("[")) {
            try {
                return RangesText.parse(text.lines().toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.has("offset") || !item.has("length")) {
                throw new IllegalArgumentException(name + ": each JSON range needs \"offset\" and \"length\", got " + shortened(item));
            }
            try {
                ranges.add(new ByteRange(size(item.get("offset")), size(item.get("length"))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": range " + (ranges.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        return ranges;
    }

    /** A JSON number must be a whole number that fits a long; a string is a size such as "4K". */
    private static long size(JsonNode node) {
        if (node.isNumber()) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new IllegalArgumentException("expected a whole number of bytes (0 to " + Long.MAX_VALUE + ") or a size "
                        + "such as \"4K\", got " + shortened(node));
            }
            return node.asLong();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("expected a number of bytes or a size such as \"4K\", got " + shortened(node));
        }
        return Units.parseBytes(node.asText());
    }

    private static String shortened(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
