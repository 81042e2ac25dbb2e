package dev.cowscope.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortcutsTest {
    @Test
    void mnemonicMarkersAreDropped() {
        assertThat(Shortcuts.plain("_File")).isEqualTo("File");
        assertThat(Shortcuts.plain("Open COW…")).isEqualTo("Open COW…");
        assertThat(Shortcuts.plain(null)).isEmpty();
    }

    @Test
    void aboutNamesTheVersionAndTheLicence() {
        AboutInfo info = AboutInfo.current();
        assertThat(info.version()).isNotBlank();
        assertThat(info.licence()).contains("Apache-2.0");
        assertThat(info.links()).extracting(AboutInfo.Link::url).contains(AboutInfo.LICENCE_URL);
    }
}
