package dev.cowscope.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.sizing.ByteRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ranges file gives ranges or an IllegalArgumentException naming the file and the place; nothing else. */
class RangesFileTest {
    @Test
    void textAndJsonGiveTheSameRanges() {
        assertThat(RangesFile.parse("0 4K\n1M 1 # one byte\n", "t")).containsExactly(new ByteRange(0, 4096), new ByteRange(1 << 20, 1));
        assertThat(RangesFile.parse("[{\"offset\": 0, \"length\": \"4K\"}, {\"offset\": \"1M\", \"length\": 1}]", "j"))
                .containsExactly(new ByteRange(0, 4096), new ByteRange(1 << 20, 1));
    }

    @Test
    void jsonNumbersThatAreNotWholeBytesAreRefusedNotTruncated() {
        // asLong() made 2^64 into 0 and 1.5 into 1
        for (String value : List.of("18446744073709551616", "1.5", "1e3", "-1", "true", "null", "{}")) {
            assertThatThrownBy(() -> RangesFile.parse("[{\"offset\": 0, \"length\": " + value + "}]", "r.json"))
                    .as(value).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("r.json: range 1: ");
        }
    }

    @Test
    void brokenOrHostileJsonIsRefusedCleanly() {
        for (String text : List.of("[", "[{\"offset\": 1,", "[1, 2]", "[[[[[[[[[[]]]]]]]]]]", "[".repeat(5000))) {
            assertThatThrownBy(() -> RangesFile.parse(text, "r.json")).as(text.length() > 40 ? "deep nesting" : text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("r.json: ");
        }
    }

    @Test
    void aFileLongerThanTheCapIsRefusedAsItIsRead() {
        assertThatThrownBy(() -> RangesFile.read(Path.of("/dev/zero"), "--ranges")).isInstanceOf(IOException.class)
                .hasMessageContaining("longer than 128 MiB");
    }
}
