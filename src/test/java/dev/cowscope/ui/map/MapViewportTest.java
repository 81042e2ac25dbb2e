package dev.cowscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapViewportTest {
    @Test
    void fitUsesTheLargestCellsThatHoldEveryChunk() {
        MapViewport v = MapViewport.fit(1000, 800, 600);
        assertThat(v.chunksPerCell()).isEqualTo(1);
        assertThat((long) v.columns() * (600 / v.cellPx())).isGreaterThanOrEqualTo(1000);
        // the next larger cell would not hold them all
        int larger = v.cellPx() + 1;
        assertThat((long) (800 / larger) * (600 / larger)).isLessThan(1000);
        assertThat(v.cellPx()).isEqualTo(21);
    }

    @Test
    void fitOfSixteenMillionChunksSummarisesSeveralPerPixel() {
        MapViewport v = MapViewport.fit(16L << 20, 1600, 1000);
        assertThat(v.cellPx()).isEqualTo(1);
        assertThat(v.totalRows()).isLessThanOrEqualTo(1000);
        assertThat(v.chunksPerCell()).isEqualTo(11);
    }

    @Test
    void hitTestIsArithmetic() {
        MapViewport v = new MapViewport(10_000, 100, 50, 10, 1, 3);
        // 10 columns; row 3 starts at chunk 30
        assertThat(v.chunkAt(0, 0)).isEqualTo(30);
        assertThat(v.chunkAt(25, 12)).isEqualTo(42);
        assertThat(v.chunkAt(-1, 0)).isEqualTo(-1);
        MapViewport out = new MapViewport(10_000, 100, 50, 1, 8, 0);
        assertThat(out.chunkAt(3, 2)).isEqualTo((2 * 100 + 3) * 8);
    }

    @Test
    void zoomKeepsTheAnchorChunkOnScreen() {
        MapViewport v = MapViewport.fit(1_000_000, 400, 300);
        MapViewport in = v.zoomIn(500_000).zoomIn(500_000).zoomIn(500_000);
        long row = in.rowOf(500_000);
        assertThat(row).isBetween(in.firstRow(), in.firstRow() + in.visibleRows());
        assertThat(in.zoomOut(500_000).zoomOut(500_000).zoomOut(500_000).zoomOut(500_000)).isEqualTo(v);
    }

    @Test
    void revealScrollsOnlyWhenNeeded() {
        MapViewport v = new MapViewport(100_000, 100, 100, 10, 1, 0);
        assertThat(v.reveal(5)).isSameAs(v);
        MapViewport moved = v.reveal(50_000);
        assertThat(moved.rowOf(50_000)).isBetween(moved.firstRow(), moved.firstRow() + 9);
    }
}
