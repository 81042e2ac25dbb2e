package dev.cowscope.ui.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupProbeTest {
    @Test
    void reportsMillisecondsFromJvmStartAndTheFirstFramesClockTime() {
        assertThat(StartupProbe.format(1_000, 1_300, 1_700, 1_750)).isEqualTo("jvm_start_to_application_start_ms=300\n"
                + "jvm_start_to_shown_ms=700\njvm_start_to_first_frame_ms=750\nfirst_frame_epoch_ms=1750\n");
        assertThat(StartupProbe.format(1_000, 0, 1_700, 1_750)).doesNotContain("application_start");
    }

    @Test
    void everyIconSizeIsOnTheClasspath() {
        for (int size : AppIcons.SIZES) {
            assertThat(AppIcons.class.getResource("/dev/cowscope/ui/icons/cowscope-" + size + ".png")).as("%d px", size).isNotNull();
        }
    }
}
