package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChangedChunksTest {
    private static final int MIB = 1 << 20;

    private static ChangedChunks scan(byte[] oldBytes, byte[] newBytes) throws IOException {
        return ChangedChunks.fromImagePair(new ByteArrayBlockSource("old", oldBytes), new ByteArrayBlockSource("new", newBytes), Progress.NONE);
    }

    /** The obvious way: a chunk is changed if any byte differs or lies past the old end. */
    private static long bruteForce(byte[] oldBytes, byte[] newBytes, long chunkBytes) {
        long count = 0;
        for (long start = 0; start < newBytes.length; start += chunkBytes) {
            for (long i = start; i < Math.min(start + chunkBytes, newBytes.length); i++) {
                if (i >= oldBytes.length || oldBytes[(int) i] != newBytes[(int) i]) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    @Test
    void identicalImagesChangeNothing() throws IOException {
        byte[] image = new byte[5 * MIB + 1536];
        new Random(1).nextBytes(image);
        ChangedChunks changed = scan(image, image.clone());
        assertThat(changed.changedBytes()).isZero();
        assertThat(changed.counts()).hasSize(22).allSatisfy(c -> assertThat(c.changedChunks()).isZero());
        assertThat(changed.shrinkNote()).isEmpty();
    }

    @Test
    void oneByteInTheLastSector() throws IOException {
        byte[] oldImage = new byte[9 * MIB];
        byte[] newImage = oldImage.clone();
        newImage[newImage.length - 1] = 1;
        ChangedChunks changed = scan(oldImage, newImage);
        assertThat(changed.changedBytes()).isEqualTo(1);
        assertThat(changed.counts()).allSatisfy(c -> assertThat(c.changedChunks()).as("cs %d", c.chunkSizeSectors()).isEqualTo(1));
    }

    @Test
    void matchesBruteForceOnScatteredChangesAndOddSizes() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            int size = 3 * MIB + random.nextInt(2 * MIB);
            byte[] oldImage = new byte[size];
            random.nextBytes(oldImage);
            byte[] newImage = oldImage.clone();
            long differing = 0;
            for (int i = 0; i < 200; i++) {
                int at = random.nextInt(size);
                int run = 1 + random.nextInt(round * 3000 + 1);
                for (int j = at; j < Math.min(size, at + run); j++) {
                    byte b = (byte) (oldImage[j] + 1 + random.nextInt(255));
                    if (newImage[j] == oldImage[j]) {
                        differing++;
                    }
                    newImage[j] = b;
                }
            }
            ChangedChunks changed = scan(oldImage, newImage);
            assertThat(changed.changedBytes()).isEqualTo(differing);
            for (ChunkCount count : changed.counts()) {
                assertThat(count.changedChunks()).as("round %d cs %d", round, count.chunkSizeSectors())
                        .isEqualTo(bruteForce(oldImage, newImage, count.chunkSizeBytes()));
            }
        }
    }

    @Test
    void growthCountsAsChanged() throws IOException {
        byte[] oldImage = new byte[MIB + 700];
        byte[] newImage = new byte[3 * MIB + 100];
        ChangedChunks changed = scan(oldImage, newImage);
        assertThat(changed.grownBytes()).isEqualTo(2 * MIB - 600);
        assertThat(changed.changedBytes()).isEqualTo(2 * MIB - 600);
        for (ChunkCount count : changed.counts()) {
            assertThat(count.changedChunks()).as("cs %d", count.chunkSizeSectors())
                    .isEqualTo(bruteForce(oldImage, newImage, count.chunkSizeBytes()));
        }
        // the sector holding the old end (byte MIB + 700) is the first grown one
        assertThat(changed.changedChunks(1)).isEqualTo((3L * MIB + 100 + 511) / 512 - (MIB + 700) / 512);
    }

    @Test
    void shrinkingIsReportedNotCounted() throws IOException {
        byte[] oldImage = new byte[4 * MIB];
        byte[] newImage = new byte[3 * MIB];
        newImage[0] = 9;
        ChangedChunks changed = scan(oldImage, newImage);
        assertThat(changed.shrunkBytes()).isEqualTo(MIB);
        assertThat(changed.changedChunks(8)).isEqualTo(1);
        assertThat(changed.shrinkNote()).hasValueSatisfying(note -> assertThat(note).contains("smaller", "1048576"));
    }

    @Test
    void emptyImages() throws IOException {
        assertThat(scan(new byte[0], new byte[0]).changedChunks(1)).isZero();
        assertThat(scan(new byte[0], new byte[513]).changedChunks(1)).isEqualTo(2);
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        byte[] image = new byte[16 * MIB];
        AtomicLong worked = new AtomicLong();
        Progress cancelAfterFirstBuffer = new Progress() {
            @Override
            public void begin(String phase, long totalWork) {
                assertThat(totalWork).isEqualTo(16L * MIB);
            }

            @Override
            public void worked(long units) {
                worked.addAndGet(units);
            }

            @Override
            public boolean isCancelled() {
                return worked.get() > 0;
            }
        };
        assertThatThrownBy(() -> ChangedChunks.fromImagePair(new ByteArrayBlockSource("a", image),
                new ByteArrayBlockSource("b", image), cancelAfterFirstBuffer)).isInstanceOf(CancellationException.class);
        assertThat(worked.get()).isEqualTo(ImagePairScan.BUFFER_BYTES);
    }

    @Test
    void rangesCountOverlapsOnceAndStraddlingRangesInEveryChunk() {
        List<ByteRange> ranges = List.of(
                new ByteRange(0, 4096),        // chunk 0 at 4K
                new ByteRange(1024, 1024),     // inside it again
                new ByteRange(8190, 4),        // straddles 4K chunks 1 and 2
                new ByteRange(40960, 0),       // writes nothing
                new ByteRange(1 << 20, 1));    // one byte at 1 MiB
        ChangedChunks changed = ChangedChunks.fromRanges(ranges, 0);
        assertThat(changed.changedBytes()).isEqualTo(4096 + 4 + 1);
        assertThat(changed.changedChunks(8)).isEqualTo(4);
        assertThat(changed.changedChunks(1)).isEqualTo(8 + 2 + 1);
        assertThat(changed.changedChunks(1L << 11)).isEqualTo(2);
        assertThat(changed.changedChunks(1L << 21)).isEqualTo(1);
        assertThatThrownBy(() -> changed.changedChunks(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesAgreeWithTheImagePass() throws IOException {
        Random random = new Random(3);
        byte[] oldImage = new byte[6 * MIB];
        byte[] newImage = oldImage.clone();
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int at = random.nextInt(oldImage.length - 70000);
            int length = random.nextInt(70000);
            ranges.add(new ByteRange(at, length));
            for (int j = at; j < at + length; j++) {
                newImage[j] = 1;
            }
        }
        ChangedChunks fromRanges = ChangedChunks.fromRanges(ranges, oldImage.length);
        ChangedChunks fromImages = scan(oldImage, newImage);
        assertThat(fromRanges.counts()).isEqualTo(fromImages.counts());
        assertThat(fromRanges.changedBytes()).isEqualTo(fromImages.changedBytes());
    }

    @Test
    void parsesRangesText() {
        List<ByteRange> ranges = RangesText.parse(List.of(
                "# offset length", "", "0 4K", "1M   8s  # trailing comment", "  4096,512  "));
        assertThat(ranges).containsExactly(new ByteRange(0, 4096), new ByteRange(1 << 20, 4096), new ByteRange(4096, 512));
        assertThatThrownBy(() -> RangesText.parse(List.of("0 4K", "12"))).hasMessageStartingWith("line 2:");
        assertThatThrownBy(() -> RangesText.parse(List.of("0 4Q"))).hasMessageContaining("line 1:").hasMessageContaining("4Q");
        assertThatThrownBy(() -> RangesText.parse(List.of("-5 4K"))).hasMessageStartingWith("line 1:");
    }
}
