package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentInputsTest {
    @TempDir
    Path temp;

    @Test
    void tablesAreToldFromFilefragOutput() {
        assertThat(AlignmentInputs.looksLikeTable("0 8192 linear /dev/vdb 98306\n")).isTrue();
        assertThat(AlignmentInputs.looksLikeTable("# comment\n\nlin1: 0 8 linear 254:16 0")).isTrue();
        assertThat(AlignmentInputs.looksLikeTable("Filesystem type is: ef53\nFile size of x is 1 (1 block of 4096 bytes)"))
            .isFalse();
        assertThat(AlignmentInputs.looksLikeTable("   0:        0..     511:      64769..     65280:    512:   last"))
            .isFalse();
        assertThat(AlignmentInputs.looksLikeTable("")).isFalse();
    }

    @Test
    void readsTextFiles() throws Exception {
        Path file = Files.writeString(temp.resolve("t.txt"), "0 8 linear /dev/sda 0\n");
        assertThat(AlignmentInputs.readText(file)).isEqualTo("0 8 linear /dev/sda 0\n");
    }
}
