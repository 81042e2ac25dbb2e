package dev.cowscope.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline merge leaves the origin the kernel's merge left, from a fresh COW, a crashed one, and an interrupted run. */
class OfflineMergeTest {
    @TempDir
    Path temp;

    private static String artifact(Path scenario, String name) {
        JsonNode manifest = Fixtures.manifest(scenario);
        return manifest.path("artifacts").path(name).path("sha256").asText();
    }

    private Path unpacked(Path gz, String name) throws Exception {
        Path file = temp.resolve(name);
        Files.write(file, Fixtures.gunzip(gz));
        return file;
    }

    @Test
    void f1NewFileEqualsTheKernelsMergedOrigin() throws Exception {
        Path f1 = Fixtures.scenario("f1-merge");
        Path out = temp.resolve("merged.img");
        OfflineMerge.Result result = OfflineMerge.toNewFile(f1.resolve("origin-before.img.gz"), f1.resolve("cow-premerge.img.gz"), out, Progress.NONE);
        assertThat(Fixtures.sha256(out)).isEqualTo(artifact(f1, "origin-after-merge"));
        assertThat(result.chunksMerged()).isEqualTo(600);
        assertThat(result.stepsMerged()).isEqualTo(600);
        assertThat(Files.list(temp)).containsExactly(out); // no temp file left behind
    }

    @Test
    void f2NewFileFromPremergeAndFromTheCrashedState() throws Exception {
        Path f2 = Fixtures.scenario("f2-merge-crash");
        String kernel = artifact(f2, "origin-after-merge");
        Path fromPremerge = temp.resolve("a.img");
        OfflineMerge.toNewFile(f2.resolve("origin-premerge.img.gz"), f2.resolve("cow-premerge.img.gz"), fromPremerge, Progress.NONE);
        assertThat(Fixtures.sha256(fromPremerge)).isEqualTo(kernel);
        Path fromCrash = temp.resolve("b.img");
        OfflineMerge.toNewFile(f2.resolve("origin-crash.img.gz"), f2.resolve("cow-crash.img.gz"), fromCrash, Progress.NONE);
        assertThat(Fixtures.sha256(fromCrash)).isEqualTo(kernel);
    }

    /**
     * A sparse origin whose data region starts inside a chunk and whose size is no multiple of the
     * chunk or block size; remapped chunks straddle the region's start, lie in a hole, and end the
     * origin. The result holds the view's bytes and keeps the other holes.
     */
    @Test
    void sparseOriginKeepsItsHolesAndEveryWriteFindsItsPlace() throws Exception {
        long cs = 16; // 8 KiB chunks
        int chunk = 8192;
        int size = (1 << 20) + 1536;
        byte[] origin = new byte[size];
        for (int i = 68 << 10; i < 200 << 10; i++) {
            origin[i] = (byte) (i * 7 + 1);
        }
        Path originFile = temp.resolve("origin.img");
        try (FileChannel ch = FileChannel.open(originFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(origin, 68 << 10, 132 << 10), 68 << 10);
            ch.write(ByteBuffer.allocate(1), size - 1); // the end is a hole (the last byte is zero anyway)
        }
        long lastChunk = (size - 1) / chunk;
        long[][] entries = {{8, 3}, {40, 4}, {lastChunk, 5}, {20, 6}};
        byte[] cowBytes = TestCows.bytes(cs, entries, 0);
        byte[] expected = origin.clone();
        for (long[] e : entries) {
            int at = (int) (e[1] * chunk);
            Arrays.fill(cowBytes, at, at + chunk, (byte) (0x41 + e[1]));
            int to = (int) Math.min(size, (e[0] + 1) * chunk);
            Arrays.fill(expected, (int) (e[0] * chunk), to, (byte) (0x41 + e[1]));
        }
        Path cow = temp.resolve("cow.img");
        Files.write(cow, cowBytes);
        Path out = temp.resolve("merged.img");
        OfflineMerge.Result result = OfflineMerge.toNewFile(originFile, cow, out, Progress.NONE);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
        assertThat(result.chunksMerged()).isEqualTo(4);
        // written: chunk 8 with the region [68K, 200K) + chunk 40 + the last chunk's 1536 bytes
        assertThat(result.holeBytes()).isEqualTo(size - (200 - 64) * 1024 - chunk - 1536);
        assertThat(DataRegions.of(out, size)).isNotEmpty().allSatisfy(r ->
                assertThat(r[0] >= 64 << 10 && r[1] <= 200 << 10 || r[0] >= 320 << 10 && r[1] <= 328 << 10 || r[0] >= 1 << 20)
                        .as("data at [%d, %d) lies where the merge wrote", r[0], r[1]).isTrue());
    }

    @Test
    void inPlaceFinishesTheKernelsCrashedMergeLikeBoot3() throws Exception {
        Path f2 = Fixtures.scenario("f2-merge-crash");
        Path origin = unpacked(f2.resolve("origin-crash.img.gz"), "origin.img");
        Path state = temp.resolve("cow.state");
        OfflineMerge.Result result = OfflineMerge.inPlace(origin, f2.resolve("cow-crash.img.gz"), state, Progress.NONE);
        assertThat(result.stepsMerged()).isEqualTo(894);
        assertThat(Fixtures.sha256(origin)).isEqualTo(artifact(f2, "origin-after-merge"));
        assertThat(Fixtures.sha256(state)).as("state copy = the kernel's merged COW").isEqualTo(artifact(f2, "cow-after-merge"));
    }

    @Test
    void inPlaceInterruptedRunResumesFromTheStateCopy() throws Exception {
        Path f1 = Fixtures.scenario("f1-merge");
        Path origin = unpacked(f1.resolve("origin-before.img.gz"), "origin.img");
        Path cow = unpacked(f1.resolve("cow-premerge.img.gz"), "cow.img");
        String cowSha = Fixtures.sha256(cow);
        Path state = temp.resolve("cow.state");
        assertThatThrownBy(() -> OfflineMerge.inPlace(origin, cow, state, new StopAfter(250))).isInstanceOf(CancellationException.class);
        assertThat(Fixtures.sha256(origin)).isNotEqualTo(artifact(f1, "origin-after-merge"));
        OfflineMerge.Result resumed = OfflineMerge.inPlace(origin, cow, state, Progress.NONE);
        assertThat(resumed.stepsBefore()).isEqualTo(250);
        assertThat(resumed.stepsMerged()).isEqualTo(350);
        assertThat(Fixtures.sha256(origin)).isEqualTo(artifact(f1, "origin-after-merge"));
        assertThat(Fixtures.sha256(state)).isEqualTo(artifact(f1, "cow-after-merge"));
        assertThat(Fixtures.sha256(cow)).as("the user's COW is never written").isEqualTo(cowSha);
    }

    @Test
    void refusesAnInvalidatedStoreAndAForeignStateFile() throws Exception {
        Path e1 = Fixtures.scenario("e1-overflow-P");
        assertThatThrownBy(() -> OfflineMerge.toNewFile(e1.resolve("origin-after.img.gz"), e1.resolve("cow-after.img.gz"),
                temp.resolve("x.img"), Progress.NONE)).isInstanceOf(MergeException.class).hasMessageContaining("can't merge");
        Path f1 = Fixtures.scenario("f1-merge");
        Path f2 = Fixtures.scenario("f2-merge-crash");
        Path origin = unpacked(f1.resolve("origin-before.img.gz"), "origin.img");
        Path state = unpacked(f2.resolve("cow-crash.img.gz"), "other.state");
        assertThatThrownBy(() -> OfflineMerge.inPlace(origin, f1.resolve("cow-premerge.img.gz"), state, Progress.NONE))
                .isInstanceOf(MergeException.class).hasMessageContaining("not a merge in progress");
        assertThatThrownBy(() -> OfflineMerge.inPlace(f1.resolve("origin-before.img.gz"), f1.resolve("cow-premerge.img.gz"),
                temp.resolve("s"), Progress.NONE)).isInstanceOf(MergeException.class).hasMessageContaining("plain file");
    }

    /** Cancels once {@code steps} merge steps are done. */
    private static final class StopAfter implements Progress {
        private final long steps;
        private long done;
        private boolean merging;

        StopAfter(long steps) {
            this.steps = steps;
        }

        @Override
        public void begin(String phase, long totalWork) {
            merging = phase.equals("Merging");
            done = 0;
        }

        @Override
        public void worked(long units) {
            done += units;
        }

        @Override
        public boolean isCancelled() {
            return merging && done >= steps;
        }
    }
}
