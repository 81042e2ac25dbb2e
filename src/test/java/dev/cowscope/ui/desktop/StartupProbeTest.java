package dev.cowscope.ui.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupProbeTest {
    @Test
    void reportsMillisecondsFromBothStarts() {
        assertThat(StartupProbe.format(1_000, 900, 1_700, 1_750)).isEqualTo(
                "jvm_start_to_shown_ms=700\njvm_start_to_first_frame_ms=750\nprocess_start_to_first_frame_ms=850\n");
        assertThat(StartupProbe.format(1_000, 0, 1_700, 1_750)).doesNotContain("process_start");
    }

    @Test
    void everyIconSizeIsOnTheClasspath() {
        for (int size : AppIcons.SIZES) {
            assertThat(AppIcons.class.getResource("/dev/cowscope/ui/icons/cowscope-" + size + ".png")).as("%d px", size).isNotNull();
        }
    }
}
