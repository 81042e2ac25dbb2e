package dev.cowscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.Units;
import dev.cowscope.sizing.ByteRange;
import dev.cowscope.sizing.RangesText;
import java.io.IOException;
import java.nio.file.Files;
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
    private RangesFile() {
        throw new AssertionError("no instances");
    }

    /**
     * @throws NoSuchFileException naming the file when it does not exist
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static List<ByteRange> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such file");
        }
        if (!text.stripLeading().startsWith("[")) {
            try {
                return RangesText.parse(text.lines().toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        JsonNode array = ReportJson.mapper().readTree(text);
        List<ByteRange> ranges = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.has("offset") || !item.has("length")) {
                throw new IllegalArgumentException(file + ": each JSON range needs \"offset\" and \"length\", got " + item);
            }
            ranges.add(new ByteRange(size(item.get("offset")), size(item.get("length"))));
        }
        return ranges;
    }

    private static long size(JsonNode node) {
        return node.isIntegralNumber() ? node.asLong() : Units.parseBytes(node.asText());
    }
}
