package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LinearTableTest {
    private static final int K = 1024;

    @Test
    void parsesDmsetupOutputWithNamesAndMajorMinor() throws Exception {
        LinearTable t = LinearTable.parse("""
            # comment
            cow: 0 8 linear 254:16 98306
            cow: 8 8 linear /dev/vdb 200
            """);
        assertThat(t.lines()).containsExactly(new LinearLine(0, 8, "254:16", 98306),
            new LinearLine(8, 8, "/dev/vdb", 200));
        assertThat(t.render()).isEqualTo("0 8 linear 254:16 98306\n8 8 linear /dev/vdb 200\n");
        assertThat(t.lengthSectors()).isEqualTo(16);
    }

    @Test
    void badLinesNameTheirLineNumber() {
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/sda 0\n8 8 striped 2 8 /dev/a 0 /dev/b 0"))
            .isInstanceOf(InputFormatException.class).hasMessageStartingWith("line 2:").hasMessageContaining("striped");
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/sda x")).hasMessageContaining("offset");
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/sda")).hasMessageContaining("2 arguments");
    }

    @Test
    void mergesLogicallyAndPhysicallyContiguousNeighbours() {
        List<Extent> extents = List.of(
            new Extent(0, 100 * K, 128 * K, 0),
            new Extent(128 * K, 228 * K, 64 * K, 0),          // continues both ways: merged
            new Extent(192 * K, 1000 * K, 64 * K, FiemapFlags.LAST));
        TableBuild b = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.empty());
        assertThat(b.extentsBefore()).isEqualTo(3);
        assertThat(b.extentsAfter()).isEqualTo(2);
        assertThat(b.table().render()).isEqualTo("0 384 linear /dev/sdb 200\n384 128 linear /dev/sdb 2000\n");
        assertThat(b.issues()).isEmpty();
    }

    @Test
    void clipsTheLastLineToTheWantedSize() {
        List<Extent> extents = List.of(new Extent(0, 0, 8 * K, 0), new Extent(8 * K, 64 * K, 8 * K, FiemapFlags.LAST));
        TableBuild b = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.of(12 * K));
        assertThat(b.table().render()).isEqualTo("0 16 linear /dev/sdb 0\n16 8 linear /dev/sdb 128\n");
        TableBuild first = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.of(4 * K));
        assertThat(first.table().lines()).hasSize(1);
        TableBuild tooBig = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.of(64 * K));
        assertThat(tooBig.issues()).extracting(BuildIssue::message).anyMatch(m -> m.contains("less than the wanted"));
    }

    @Test
    void unmappableFlagsStopTheTableAndUnwrittenWarns() {
        List<Extent> extents = List.of(new Extent(0, 0, 8 * K, FiemapFlags.UNWRITTEN),
            new Extent(8 * K, 64 * K, 8 * K, FiemapFlags.DELALLOC | FiemapFlags.UNKNOWN | FiemapFlags.LAST));
        TableBuild b = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.empty());
        assertThat(b.table().lines()).hasSize(1);
        assertThat(b.hasErrors()).isTrue();
        assertThat(b.issues().get(0).error()).isFalse();
        assertThat(b.issues().get(0).message()).contains("unwritten", "zero the COW header");
        assertThat(b.issues().get(1).message()).contains("extent 1", "delalloc", "sync");
        for (int flag : new int[] {FiemapFlags.ENCODED, FiemapFlags.DATA_ENCRYPTED, FiemapFlags.NOT_ALIGNED,
            FiemapFlags.DATA_INLINE | FiemapFlags.NOT_ALIGNED, FiemapFlags.DATA_TAIL, FiemapFlags.EXT4_HOLE}) {
            assertThat(LinearTable.unusableReason(new Extent(0, 0, 4096, flag))).isNotEmpty();
        }
        assertThat(LinearTable.unusableReason(new Extent(0, 0, 4096, FiemapFlags.SHARED | FiemapFlags.MERGED))).isEmpty();
    }

    @Test
    void holesStopTheTable() {
        List<Extent> extents = List.of(new Extent(0, 0, 8 * K, 0), new Extent(16 * K, 64 * K, 8 * K, FiemapFlags.LAST));
        TableBuild b = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.empty());
        assertThat(b.table().lines()).hasSize(1);
        assertThat(b.issues()).singleElement().satisfies(i -> assertThat(i.message()).contains("hole"));
    }

    @Test
    void hostileNumbersAndNamesAreParseErrorsWithTheLine() {
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/a 0\n8 9223372036854775807 linear /dev/a 0"))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("line 2").hasMessageContaining("ends past");
        // Character.isWhitespace but not regex \s: a device name the kernel never prints
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/a\u001Cb 0"))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> LinearTable.parse("0 8 linear /dev/a 18446744073709551616"))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("too large");
    }

    @Test
    void extentsAndWantedSizesNearTheLimitDoNotOverflow() {
        long max = Long.MAX_VALUE;
        assertThatThrownBy(() -> new Extent(0, max - 511, 1024, 0)).isInstanceOf(IllegalArgumentException.class);
        List<Extent> extents = List.of(new Extent(0, 4096, 8192, 0), new Extent(8192, 12288, 4096, 0));
        TableBuild b = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.of(8388607L << 40));
        assertThat(b.table().render()).isEqualTo("0 24 linear /dev/sdb 8\n");
        assertThat(b.issues()).singleElement().extracting(BuildIssue::message).asString()
            .contains("less than the wanted 18014396361998336");
        TableBuild odd = LinearTable.fromExtents(extents, "/dev/sdb", OptionalLong.of(max));
        assertThat(odd.issues()).anyMatch(i -> i.message().contains("rounded up to 18014398509481984 sectors"));
    }
}
