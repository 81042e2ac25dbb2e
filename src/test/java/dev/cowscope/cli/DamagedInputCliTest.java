package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files and hostile options give a clear message and exit 2 or 3, never 4 (a bug) or a hang. */
@Timeout(20)
class DamagedInputCliTest {
    @TempDir
    Path dir;

    @Test
    void aLogicalBlockSizeLinuxCannotHaveIsAUsageError() throws Exception {
        Path fresh = dir.resolve("fresh.img");
        Files.write(fresh, new byte[1 << 20]);
        CliRun run = CliRun.of("inspect", "--lbs", "2G", fresh.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--lbs").contains("65536");
    }

    @Test
    void entriesTypedFarPastTheTableAreAnsweredNotCrashedOn() throws Exception {
        Path cow = CowImageBuilder.cow().exceptions(0, 300).writeTo(dir.resolve("cow.img"));
        for (String at : new String[] {"area 9223372036854775807 entry 0", "area 36028797018963968 entry 5", "area 0 entry 256"}) {
            CliRun run = CliRun.of("exceptions", "--at", at, cow.toString());
            assertThat(run.exitCode()).as(at + ": " + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("no committed entry there");
        }
        CliRun entry = CliRun.of("exceptions", "--at", "area 1 entry 3", cow.toString());
        assertThat(entry.out()).startsWith("area 1 entry 3 @").contains("old_chunk 259");
        CliRun area = CliRun.of("exceptions", "--at", "area 36028797018968064", cow.toString());
        assertThat(area.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(area.out()).startsWith("area 36028797018968064: ").contains("past the end");
        CliRun huge = CliRun.of("exceptions", "--at", "chunk 99999999999999999999999", cow.toString());
        assertThat(huge.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aFifoOrCharacterDeviceIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRun run = CliRun.of("inspect", fifo.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("FIFO");
        CliRun zero = CliRun.of("inspect", "/dev/zero");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(zero.err()).contains("character device");
    }

    @Test
    void aTruncatedOrCorruptGzipSaysWhereItEnds() throws Exception {
        byte[] gz = Files.readAllBytes(Fixtures.scenario("b3-257").resolve("cow-after.img.gz"));
        Path cut = Files.write(dir.resolve("cut.img.gz"), Arrays.copyOf(gz, gz.length / 2));
        CliRun run = CliRun.of("inspect", cut.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("the gzip stream is cut short: it ends after").doesNotContain("null");
        Path noTrailer = Files.write(dir.resolve("trailer.img.gz"), Arrays.copyOf(gz, gz.length - 4));
        assertThat(CliRun.of("inspect", noTrailer.toString()).err()).contains("ends after 2.00 MiB of image data");
        Path corrupt = Files.write(dir.resolve("bad.img.gz"), new byte[] {0x1f, (byte) 0x8b, 'x', 'y', 'z', 0, 0, 0, 0, 0, 0, 0});
        CliRun bad = CliRun.of("inspect", corrupt.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(bad.err()).contains("gzip");
    }

    @Test
    void aGzipOfManyEmptyMembersIsAnsweredNotCrashedOn() throws Exception {
        // GZIPInputStream recursed once per member: a StackOverflowError, exit 4
        byte[] empty = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] many = new byte[empty.length * 200_000];
        for (int i = 0; i < many.length; i += empty.length) {
            System.arraycopy(empty, 0, many, i, empty.length);
        }
        Path file = Files.write(dir.resolve("empties.gz"), many);
        CliRun run = CliRun.of("inspect", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("only 0 bytes");
    }

    @Test
    void xzAndZstdImagesOpenLikeGzipAndSayWhereACutOneEnds() throws Exception {
        byte[] cow = CowImageBuilder.cow().deviceBytes(8L << 20).exceptions(0, 300).bytes();
        for (String kind : new String[] {"xz", "zstd"}) {
            java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream out = kind.equals("xz")
                    ? new org.tukaani.xz.XZOutputStream(packed, new org.tukaani.xz.LZMA2Options())
                    : new com.github.luben.zstd.ZstdOutputStream(packed)) {
                out.write(cow);
            }
            byte[] bytes = packed.toByteArray();
            Path file = Files.write(dir.resolve("c.img." + kind), bytes);
            CliRun run = CliRun.of("inspect", "--json", file.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("\"kind\" : \"" + kind + "\"").contains("\"count\" : 300");
            Path cut = Files.write(dir.resolve("cut." + kind), Arrays.copyOf(bytes, bytes.length * 2 / 3));
            CliRun broken = CliRun.of("inspect", cut.toString());
            assertThat(broken.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(broken.err()).contains("the " + kind + " stream").contains("of image data").doesNotContain("null");
        }
    }

    @Test
    void anOutputInAMissingFolderSaysSo() {
        CliRun run = CliRun.of("view", "--sample", "-o", dir.resolve("missing/out.img").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("cannot write it: the folder").contains("does not exist").doesNotContain(".part");
    }

    @Test
    void aGzipImageOfALargeSparseCowOpens() throws Exception {
        // read in one decoding pass with nothing unpacked (seen with a 96 MiB tmpfs as java.io.tmpdir)
        Path cow = CowImageBuilder.cow().deviceBytes(256L << 20).exceptions(0, 10).writeSparse(dir.resolve("big.img"));
        Path gz = dir.resolve("big.img.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(cow, out);
        }
        CliRun run = CliRun.of("inspect", gz.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("256 MiB").contains("exceptions      10");
    }
}
