package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12: a damaged table is refused before anything is computed past a long or written to the origin. */
class MergeOnDamagedInputTest {
    @TempDir
    Path temp;

    /** Item 5: a loadable store with new_chunk = 2^62 overflowed in the simulator's status arithmetic. */
    @Test
    void aNewChunkOfTwoToTheSixtyTwoIsRefusedNotOverflowed() throws Exception {
        CowImage image = CowImageBuilder.cow().chunkSizeSectors(8).exception(5).exception(6, 1L << 62).read();
        assertThat(image.kernelLoads()).as("the kernel loads such a table").isTrue();
        assertThatThrownBy(() -> MergePlan.of(image)).isInstanceOf(MergeException.class)
                .hasMessageContaining("1 entries map to COW chunks past the end of the COW")
                .hasMessageContaining("COW chunk 4611686018427387904");
    }

    /**
     * Item 17: the newest entries are fine, the oldest points past the COW's end. The in-place merge
     * used to write the newer steps into the origin before failing; now it refuses up front, with
     * the origin and the state file untouched, as the new-file merge does.
     */
    @Test
    void inPlaceRefusesAnEntryPastTheCowsEndBeforeWritingTheOrigin() throws Exception {
        long cs = 16; // 8 KiB chunks
        long[][] entries = {{10, 5}, {20, 2}, {30, 3}};
        byte[] full = TestCows.bytes(cs, entries, 0);
        Path cow = Files.write(temp.resolve("cow.img"), Arrays.copyOf(full, 4 * 8192)); // chunk 5 is past the end
        byte[] originBytes = new byte[64 * 8192];
        Arrays.fill(originBytes, (byte) 0x5a);
        Path origin = Files.write(temp.resolve("origin.img"), originBytes);
        String before = Fixtures.sha256(origin);
        Path state = temp.resolve("cow.state");

        assertThatThrownBy(() -> OfflineMerge.inPlace(origin, cow, state, Progress.NONE)).isInstanceOf(MergeException.class)
                .hasMessageContaining("past the end of the COW");
        assertThat(Fixtures.sha256(origin)).as("nothing written to the origin").isEqualTo(before);
        assertThat(state).as("no state file made").doesNotExist();
        assertThatThrownBy(() -> OfflineMerge.toNewFile(origin, cow, temp.resolve("new.img"), Progress.NONE))
                .isInstanceOf(MergeException.class).hasMessageContaining("past the end of the COW");

        // a state file left from an earlier run (a copy of the damaged COW) is refused the same way
        Files.copy(cow, state);
        assertThatThrownBy(() -> OfflineMerge.inPlace(origin, cow, state, Progress.NONE)).isInstanceOf(MergeException.class)
                .hasMessageContaining("past the end of the COW");
        assertThat(Fixtures.sha256(origin)).isEqualTo(before);
    }
}
