package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FilefragParserTest {
    /** e2fsprogs 1.45: {@code eof} without a comma when there are no other flags; unknown rows with full values. */
    private static final String V145 = """
        Filesystem type is: ef53
        File size of /data/a.img is 12288 (3 blocks of 4096 bytes)
         ext:     logical_offset:        physical_offset: length:   expected: flags:
           0:        0..       0:      34816..     34816:      1:            
           1:        1..       1:      40000..     40000:      1:      34817: eof
        /data/a.img: 2 extents found
        File size of /data/b.img is 8192 (2 blocks of 4096 bytes)
         ext:     logical_offset:        physical_offset: length:   expected: flags:
           0:        0..       1:          0..         1:      2:             last,unknown_loc,delalloc,eof
        /data/b.img: 1 extent found
        """;

    @Test
    void parsesFilefrag147FixtureOutput() throws Exception {
        String text = Files.readString(KernelFixtures.p4().resolve("files/fs1k/falloc8M.filefrag-v.txt"));
        List<FilefragFile> files = new FilefragParser().parse(text);
        assertThat(files).hasSize(1);
        FilefragFile f = files.get(0);
        assertThat(f.name()).hasValue("/mnt/fs1k/falloc8M");
        assertThat(f.fileSizeBytes()).hasValue(8388608);
        assertThat(f.blockSizeBytes()).isEqualTo(1024);
        assertThat(f.reportedExtentCount()).isEqualTo(OptionalInt.of(2));
        assertThat(f.extents()).containsExactly(
            new Extent(0, 32772L * 1024, 2045L * 1024, FiemapFlags.UNWRITTEN),
            new Extent(2045L * 1024, 41219L * 1024, 6147L * 1024, FiemapFlags.LAST | FiemapFlags.UNWRITTEN));
    }

    @Test
    void parsesSeveralFilesOf145() throws Exception {
        List<FilefragFile> files = new FilefragParser().parse(V145);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).extents()).containsExactly(new Extent(0, 34816L * 4096, 4096, 0),
            new Extent(4096, 40000L * 4096, 4096, 0));
        assertThat(files.get(1).name()).hasValue("/data/b.img");
        assertThat(files.get(1).firstLineNumber()).isEqualTo(7);
        assertThat(files.get(1).extents().get(0).flags())
            .isEqualTo(FiemapFlags.LAST | FiemapFlags.UNKNOWN | FiemapFlags.DELALLOC);
    }

    @Test
    void unknownLocationRowOf146HasLengthFromTheLogicalRange() throws Exception {
        String v147 = """
            File size of x is 8192 (2 blocks of 4096 bytes)
             ext:     logical_offset:        physical_offset: length:   expected: flags:
               0:        0..       1:          0..         0:      0:             last,unknown_loc,delalloc,eof
            x: 1 extent found
            """;
        Extent e = new FilefragParser().parse(v147).get(0).extents().get(0);
        assertThat(e.lengthBytes()).isEqualTo(8192);
        assertThat(e.has(FiemapFlags.UNKNOWN)).isTrue();
    }

    @Test
    void commaEofOf1463WithoutOtherFlags() throws Exception {
        String text = """
            File size of x is 4096 (1 block of 4096 bytes)
               0:        0..       0:       5137..      5137:      1:             ,eof
            """;
        assertThat(new FilefragParser().parse(text).get(0).extents().get(0).flags()).isZero();
    }

    @Test
    void rowsWithoutHeaderNeedTheBlockSize() throws Exception {
        String rows = "   0:        0..       7:        800..       807:      8:             last,eof\n";
        assertThatThrownBy(() -> new FilefragParser().parse(rows))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("line 1").hasMessageContaining("block size");
        FilefragFile f = new FilefragParser(OptionalLong.of(512), false).parse(rows).get(0);
        assertThat(f.extents().get(0)).isEqualTo(new Extent(0, 800L * 512, 8 * 512, FiemapFlags.LAST));
    }

    @Test
    void hexRows() throws Exception {
        String text = """
            File size of x is 65536 (16 blocks of 4096 bytes)
               0:        0..       f:       1a00..      1a0f:     10:             last,eof
            """;
        assertThat(new FilefragParser(OptionalLong.empty(), true).parse(text).get(0).extents().get(0))
            .isEqualTo(new Extent(0, 0x1a00L * 4096, 16 * 4096, FiemapFlags.LAST));
        assertThatThrownBy(() -> new FilefragParser().parse(text))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("line 2").hasMessageContaining("-X");
    }

    @Test
    void garbageAndFibmapOutputNameTheLine() {
        assertThatThrownBy(() -> new FilefragParser().parse("File size of x is 1 (1 block of 4096 bytes)\nfoo\n"))
            .isInstanceOf(InputFormatException.class).hasMessageStartingWith("line 2:");
        assertThatThrownBy(() -> new FilefragParser().parse("Discontinuity: Block 3 is at 100 (was 99)\n"))
            .hasMessageContaining("filefrag -e");
        assertThatThrownBy(() -> new FilefragParser().parse("File size of x is 1 (1 block of 4096 bytes)\n"
                + "   0:        0..       0:        1..       1:      1:             weird\n"))
            .hasMessageContaining("line 2").hasMessageContaining("weird");
        assertThatThrownBy(() -> new FilefragParser().parse("\n\n")).hasMessageContaining("no filefrag");
    }

    @Test
    void flagNamesRoundTrip() {
        int all = FiemapFlags.LAST | FiemapFlags.UNWRITTEN | FiemapFlags.SHARED | 0x40000;
        assertThat(FiemapFlags.describe(all)).isEqualTo("last,unwritten,shared,0x40000");
        for (String word : FiemapFlags.names(all)) {
            assertThat(FiemapFlags.parseWord(word)).isPresent();
        }
    }

    @Test
    void numbersPastTheLongRangeNameTheLine() {
        String text = "File size of /f is 4096 (1 block of 4096 bytes)\n"
            + "   0:        0..       0: 2251799813685247..2251799813685247:      1: last,eof\n";
        assertThatThrownBy(() -> new FilefragParser().parse(text)).isInstanceOf(InputFormatException.class)
            .hasMessageContaining("line 2").hasMessageContaining("too large");
        String hole = "File size of /f is 4096 (1 block of 1 bytes)\n"
            + "   0:        0..9223372036854775807:          0..         0:      0: unknown_loc,last\n";
        assertThatThrownBy(() -> new FilefragParser().parse(hole)).isInstanceOf(InputFormatException.class)
            .hasMessageContaining("line 2");
    }
}
