package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cowscope.format.AtomicOutput;
import dev.cowscope.format.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Ranges at any offset and length land byte-exact, whether their aligned bulk bypasses the page cache or not. */
class DirectWriterTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "bypass the page cache: {0}")
    @ValueSource(booleans = {true, false})
    void unalignedHeadsAndTailsAndWholeBlocksLandWhereTheyBelong(boolean bypass) throws Exception {
        int size = 20 << 20;
        byte[] expected = new byte[size];
        DirectWriter.Source source = (offset, dst) -> {
            while (dst.hasRemaining()) {
                long at = offset + dst.position();
                dst.put((byte) (at * 131 + (at >>> 13)));
            }
        };
        // ranges: unaligned start and end, an aligned one longer than a window, one byte, one ending the file
        long[][] ranges = {{100, 5000}, {8192, 8192 + (9 << 20)}, {(10 << 20) + 1, (10 << 20) + 2}, {size - 4097, size}};
        Path target = temp.resolve("out.img");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            DirectWriter writer = new DirectWriter(out, bypass);
            assumeTrue(writer.bypassesCache() == bypass, "this file system refuses O_DIRECT");
            for (long[] r : ranges) {
                writer.copy(r[0], r[1], source, Progress.NONE);
                for (long at = r[0]; at < r[1]; at++) {
                    expected[(int) at] = (byte) (at * 131 + (at >>> 13));
                }
            }
            out.commit();
        }
        assertThat(Files.size(target)).isEqualTo(size);
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
    }
}
