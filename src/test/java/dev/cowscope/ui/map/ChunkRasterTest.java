package dev.cowscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ChunkRasterTest {
    private static final int A = 0xFF000000;
    private static final int B = 0xFFFFFFFF;
    private static final int ALARM = 0xFFFF0000;
    private static final ChunkPalette PALETTE = new ChunkPalette(new int[] {A, B, ALARM}, 2);

    private static ChunkCells cells(int... roles) {
        byte[] bytes = new byte[roles.length];
        for (int i = 0; i < roles.length; i++) {
            bytes[i] = (byte) roles[i];
        }
        return new ByteRoleCells(bytes, 3);
    }

    @Test
    void oneChunkPerPixelPaintsEachRoleColourInRowOrder() {
        MapViewport v = new MapViewport(6, 3, 2, 1, 1, 0);
        int[] argb = ChunkRaster.render(cells(0, 1, 0, 1, 1, 0), PALETTE, v);
        assertThat(argb).containsExactly(A, B, A, B, B, A);
    }

    @Test
    void pixelsPastTheLastChunkAreBackground() {
        MapViewport v = new MapViewport(4, 3, 2, 1, 1, 0);
        int[] argb = ChunkRaster.render(cells(0, 0, 0, 1), PALETTE, v);
        assertThat(argb).containsExactly(A, A, A, B, ChunkPalette.BACKGROUND, ChunkPalette.BACKGROUND);
    }

    @Test
    void zoomedOutPixelMixesItsChunksByCount() {
        MapViewport v = new MapViewport(4, 1, 1, 1, 4, 0);
        int[] argb = ChunkRaster.render(cells(0, 1, 1, 1), PALETTE, v);
        // three quarters white, one quarter black: 0xFF * 3 / 4 = 191.25 → 191 = 0xBF
        assertThat(argb).containsExactly(0xFFBFBFBF);
    }

    @Test
    void oneSuspectChunkWinsItsPixelAtAnyZoom() {
        int[] roles = new int[1000];
        roles[777] = 2;
        MapViewport v = new MapViewport(1000, 1, 1, 1, 1000, 0);
        assertThat(ChunkRaster.render(cells(roles), PALETTE, v)).containsExactly(ALARM);
    }

    @Test
    void largeCellsFillTheirSquareWithAGutter() {
        MapViewport v = new MapViewport(2, 8, 4, 4, 1, 0);
        int[] argb = ChunkRaster.render(cells(0, 1), PALETTE, v);
        int g = ChunkPalette.BACKGROUND;
        int[] row = {A, A, A, g, B, B, B, g};
        int[] gutter = {g, g, g, g, g, g, g, g};
        assertThat(java.util.Arrays.copyOfRange(argb, 0, 8)).containsExactly(row);
        assertThat(java.util.Arrays.copyOfRange(argb, 16, 24)).containsExactly(row);
        assertThat(java.util.Arrays.copyOfRange(argb, 24, 32)).containsExactly(gutter);
    }

    @Test
    void scrolledViewportStartsAtItsFirstRow() {
        MapViewport v = new MapViewport(6, 2, 1, 1, 1, 2);
        assertThat(ChunkRaster.render(cells(0, 0, 0, 0, 1, 0), PALETTE, v)).containsExactly(B, A);
    }

    @Test
    void bitCellsCountWithPopcountAcrossWords() {
        long[] bits = new long[3];
        for (long c : new long[] {0, 63, 64, 100, 150}) {
            bits[(int) (c >>> 6)] |= 1L << (c & 63);
        }
        BitRoleCells cells = new BitRoleCells(bits, 160);
        int[] counts = new int[2];
        cells.countRoles(1, 160, counts);
        assertThat(counts).containsExactly(155, 4);
        counts = new int[2];
        cells.countRoles(0, 200, counts);
        assertThat(counts).containsExactly(155, 5);
    }

    @Test
    void cancelledRenderThrows() {
        MapViewport v = new MapViewport(6, 3, 2, 1, 1, 0);
        assertThatThrownBy(() -> ChunkRaster.render(cells(0, 1, 0, 1, 1, 0), PALETTE, v, () -> true))
                .isInstanceOf(CancellationException.class);
    }
}
