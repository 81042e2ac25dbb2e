package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiemapTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheExtentsOfARealFileOrSaysClearlyWhyNot() throws Exception {
        Path file = tmp.resolve("data.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1 << 20]));
            ch.force(true);
        }
        List<Extent> extents;
        try {
            extents = Fiemap.read(file);
        } catch (FiemapException e) {
            // the file system here may not implement FIEMAP: then the message must say so
            assertThat(e.errno()).isIn(Fiemap.EOPNOTSUPP, Fiemap.ENOTTY);
            assertThat(e.getMessage()).contains("does not support FIEMAP").contains(file.toString());
            return;
        }
        assertThat(extents).isNotEmpty();
        assertThat(extents.get(extents.size() - 1).has(FiemapFlags.LAST)).isTrue();
        assertThat(extents.stream().mapToLong(Extent::lengthBytes).sum()).isGreaterThanOrEqualTo(1 << 20);
        assertThat(extents.get(0).logicalBytes()).isZero();
    }

    @Test
    void missingFileIsAClearMessage() {
        assertThatThrownBy(() -> Fiemap.read(tmp.resolve("nope")))
            .isInstanceOf(FiemapException.class).hasMessageContaining("nope").hasMessageContaining("not a regular file");
    }

    @Test
    void deviceOfAFileIsMajorMinor() throws Exception {
        Path file = Files.writeString(tmp.resolve("x"), "x");
        assertThat(Fiemap.deviceOf(file)).hasValueSatisfying(d -> assertThat(d).matches("\\d+:\\d+"));
    }
}
