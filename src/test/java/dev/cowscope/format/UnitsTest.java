package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void parsesTheOneSizeSyntax() {
        assertThat(Units.parseBytes("512")).isEqualTo(512);
        assertThat(Units.parseBytes("8s")).isEqualTo(4096);
        assertThat(Units.parseBytes("4K")).isEqualTo(4096);
        assertThat(Units.parseBytes("4KiB")).isEqualTo(4096);
        assertThat(Units.parseBytes("1M")).isEqualTo(1 << 20);
        assertThat(Units.parseBytes("2g")).isEqualTo(2L << 30);
        assertThat(Units.parseSectors("4K")).isEqualTo(8);
        assertThatThrownBy(() -> Units.parseBytes("4X")).hasMessageContaining("unknown size unit");
        assertThatThrownBy(() -> Units.parseBytes("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Units.parseBytes("99999999999T")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Units.parseSectors("100")).hasMessageContaining("not a whole number of 512-byte sectors");
    }

    @Test
    void printsHumanSizes() {
        assertThat(Units.human(512)).isEqualTo("512 B");
        assertThat(Units.human(4096)).isEqualTo("4.00 KiB");
        assertThat(Units.human(8L << 20)).isEqualTo("8.00 MiB");
        assertThat(Units.compact(4096)).isEqualTo("4K");
        assertThat(Units.compact(1 << 20)).isEqualTo("1M");
        assertThat(Units.compact(1000)).isEqualTo("1000");
    }
}
