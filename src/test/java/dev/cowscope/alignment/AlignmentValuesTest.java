package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one parser both faces hand their typed values to. */
class AlignmentValuesTest {
    @Test
    void sectorsAreABareNumberOrAWholeSectorSize() {
        assertThat(AlignmentValues.sectors("2048")).isEqualTo(2048);
        assertThat(AlignmentValues.sectors(" 1M ")).isEqualTo(2048);
        assertThat(AlignmentValues.sectors("8s")).isEqualTo(8);
        assertThat(AlignmentValues.sectors(Long.toString(QueueLimits.MAX_SECTORS))).isEqualTo(QueueLimits.MAX_SECTORS);
        assertThatThrownBy(() -> AlignmentValues.sectors("9223372036854775807"))
            .hasMessage("a sector count from 0 to 18014398509481983 (the largest block device), got 9223372036854775807");
        assertThatThrownBy(() -> AlignmentValues.sectors("99999999999999999999999")).hasMessageContaining("a sector count");
        assertThatThrownBy(() -> AlignmentValues.sectors("1000b")).hasMessageContaining("whole number of 512-byte sectors");
        assertThatThrownBy(() -> AlignmentValues.sectors("-1")).hasMessageContaining("not a size: '-1'");
    }

    @Test
    void sizesMustBePositiveAndDevicesHaveNoSpaces() {
        assertThat(AlignmentValues.positiveSize("5M")).isEqualTo(5L << 20);
        assertThatThrownBy(() -> AlignmentValues.positiveSize("0")).hasMessage("must be more than 0, got 0");
        assertThatThrownBy(() -> AlignmentValues.positiveSize("8388608T")).hasMessageContaining("too large");
        assertThat(AlignmentValues.deviceName(" /dev/vdb ")).isEqualTo("/dev/vdb");
        assertThatThrownBy(() -> AlignmentValues.deviceName("/dev/vdb x"))
            .hasMessage("a device name without spaces, got '/dev/vdb x'");
        assertThatThrownBy(() -> AlignmentValues.deviceName(" ")).hasMessageContaining("a device name");
    }

    @Test
    void limitsTypedAsKeysOrAsFieldsGiveTheSameValueAndMessage() throws Exception {
        LimitsInput fields = new LimitsInput("512", "4K", "", "0", "0", "1M", "20G");
        LimitsInput keys = LimitsInput.parse("lbs=512, pbs=4K, io_min=, part-start=1M, size=20G");
        assertThat(keys.toQueueLimits()).isEqualTo(fields.toQueueLimits())
            .isEqualTo(new QueueLimits(512, 4096, 4096, 0, 0, 2048, 20L << 21, false));
        assertThat(QueueLimits.parse("lbs=512,pbs=4K,part-start=1M,size=20G")).isEqualTo(fields.toQueueLimits());

        LimitsInput bad = fields.withDeviceSize("12q");
        assertThatThrownBy(bad::toQueueLimits).hasMessage("device size (size): unknown size unit in '12q' (use s, K, M, G, T)");
        assertThatThrownBy(() -> QueueLimits.parse("lbs=512,size=12q"))
            .hasMessage("limits: device size (size): unknown size unit in '12q' (use s, K, M, G, T)");
        assertThatThrownBy(() -> LimitsInput.parse("pbs=4096").toQueueLimits()).hasMessageContaining("(lbs) is required");
        assertThatThrownBy(() -> LimitsInput.parse("lbs=512,foo=1")).hasMessageContaining("unknown key 'foo'");
        assertThatThrownBy(() -> LimitsInput.parse("lbs")).hasMessageContaining("expected key=value");
        assertThat(fields.withPartStart("").toQueueLimits().partStartSectors()).isZero();
    }
}
