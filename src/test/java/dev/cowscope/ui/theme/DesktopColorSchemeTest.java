package dev.cowscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesktopColorSchemeTest {
    @Test
    void gnomeColorSchemeDecidesFirst() {
        assertThat(DesktopColorScheme.decide("'prefer-dark'", "'Adwaita'", null)).isEqualTo(Theme.DARK);
        assertThat(DesktopColorScheme.decide("'prefer-light'", "'Adwaita-dark'", "Adwaita:dark")).isEqualTo(Theme.LIGHT);
    }

    @Test
    void aDarkGtkThemeNameMeansDark() {
        assertThat(DesktopColorScheme.decide("'default'", "'Adwaita-dark'", null)).isEqualTo(Theme.DARK);
        assertThat(DesktopColorScheme.decide(null, "'Yaru-Dark'", null)).isEqualTo(Theme.DARK);
        assertThat(DesktopColorScheme.decide(null, null, "Adwaita:dark")).isEqualTo(Theme.DARK);
        assertThat(DesktopColorScheme.decide("'default'", "'Adwaita'", "")).isEqualTo(Theme.LIGHT);
        assertThat(DesktopColorScheme.decide("'default'", "'Darkish-blue'", null)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void nothingToReadMeansLight() {
        assertThat(DesktopColorScheme.decide(null, null, null)).isEqualTo(Theme.LIGHT);
        assertThat(DesktopColorScheme.detect(command -> Optional.empty(), null)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void asksTheGtkThemeOnlyWhenTheColorSchemeIsUndecided() {
        List<String> asked = new ArrayList<>();
        Theme dark = DesktopColorScheme.detect(command -> {
            asked.add(command.get(3));
            return Optional.of(command.get(3).equals("color-scheme") ? "'prefer-dark'" : "'Adwaita'");
        }, null);
        assertThat(dark).isEqualTo(Theme.DARK);
        assertThat(asked).containsExactly("color-scheme");

        asked.clear();
        Theme fromGtk = DesktopColorScheme.detect(command -> {
            asked.add(command.get(3));
            return Optional.of(command.get(3).equals("color-scheme") ? "'default'" : "'Adwaita-dark'");
        }, null);
        assertThat(fromGtk).isEqualTo(Theme.DARK);
        assertThat(asked).containsExactly("color-scheme", "gtk-theme");
    }

    @Test
    void theRealDesktopAnswersWithinTheTimeout() {
        long start = System.nanoTime();
        Theme theme = DesktopColorScheme.detectInBackground().get();
        assertThat(theme).isNotNull();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4 * DesktopColorScheme.TIMEOUT_MS);
    }

    @Test
    void storedChoicesParse() {
        assertThat(ThemeChoice.parse("DARK")).isEqualTo(ThemeChoice.DARK);
        assertThat(ThemeChoice.parse("light")).isEqualTo(ThemeChoice.LIGHT);
        assertThat(ThemeChoice.parse("purple")).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.parse(null)).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(ThemeChoice.SYSTEM.resolve(Theme.DARK)).isEqualTo(Theme.DARK);
        assertThat(ThemeChoice.LIGHT.resolve(Theme.DARK)).isEqualTo(Theme.LIGHT);
    }
}
