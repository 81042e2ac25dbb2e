package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The align job as both faces call it. */
class AlignmentCheckTest {
    private static final QueueLimits E512 = new QueueLimits(512, 4096, 4096, 0, 0, 0, 0, false);
    private static final String FILEFRAG = "File size of /mnt/x is 8192 (2 blocks of 4096 bytes)\n"
        + " ext:     logical_offset:        physical_offset: length:   expected: flags:\n"
        + "   0:        0..       1:        100..       101:      2:             last,eof\n";

    private static AlignmentInput input(AlignmentSource source, Optional<String> device, Optional<QueueLimits> limits,
                                        DeviceResolver machine) {
        return new AlignmentInput(source, device, limits, Optional.empty(), machine, KernelVersion.NEW,
            OptionalLong.empty(), OptionalLong.empty(), false);
    }

    @Test
    void pastedTextIsNamedByWhatItIsAndAFileByItsPath() throws Exception {
        List<CheckedTable> table = AlignmentCheck.run(input(AlignmentSource.tableOrFilefrag("", "0 8 linear /dev/sda 0\n"),
            Optional.empty(), Optional.of(E512.withDeviceSectors(100)), AlignmentInput.NO_MACHINE));
        assertThat(table).extracting(CheckedTable::source).containsExactly("table, 1 line");
        assertThat(table.get(0).limits()).contains(E512.withDeviceSectors(100));

        List<CheckedTable> file = AlignmentCheck.run(input(AlignmentSource.tableOrFilefrag("/tmp/t.txt",
            "0 8 linear /dev/sda 0\n"), Optional.empty(), Optional.of(E512), AlignmentInput.NO_MACHINE));
        assertThat(file).extracting(CheckedTable::source).containsExactly("/tmp/t.txt");

        // without the 'File size of' header the file has no name, and the block size is given
        String headless = FILEFRAG.substring(FILEFRAG.indexOf('\n') + 1);
        List<CheckedTable> unnamed = AlignmentCheck.run(new AlignmentInput(AlignmentSource.filefrag("", headless),
            Optional.empty(), Optional.of(E512), Optional.empty(), AlignmentInput.NO_MACHINE, KernelVersion.NEW,
            OptionalLong.empty(), OptionalLong.of(4096), false));
        assertThat(unnamed).extracting(CheckedTable::source).containsExactly("filefrag output (line 2)");
    }

    @Test
    void theDeviceAppliesToEveryLineAndBuiltTablesNameIt() throws Exception {
        List<CheckedTable> built = AlignmentCheck.run(input(AlignmentSource.filefrag("", FILEFRAG), Optional.of("8:16"),
            Optional.of(E512.withDeviceSectors(1000)), AlignmentInput.NO_MACHINE));
        assertThat(built.get(0).source()).isEqualTo("/mnt/x");
        assertThat(built.get(0).report().tableText()).isEqualTo("0 16 linear 8:16 800\n");

        List<CheckedTable> placeholder = AlignmentCheck.run(input(AlignmentSource.filefrag("", FILEFRAG), Optional.empty(),
            Optional.of(E512), AlignmentInput.NO_MACHINE));
        assertThat(placeholder.get(0).report().tableText()).contains(AlignmentCheck.PLACEHOLDER_DEVICE);
    }

    @Test
    void aMissingSizeIsReadFromTheMachineAndMissingLimitsAreAnInputError() throws Exception {
        BlockDevice vdb = BlockDevice.whole("/dev/vdb", "vdb", E512.withDeviceSectors(4096));
        DeviceResolver machine = DeviceResolver.of(List.of(vdb));
        List<CheckedTable> sized = AlignmentCheck.run(input(AlignmentSource.table("t", "0 8 linear /dev/vdb 0\n"),
            Optional.of("/dev/vdb"), Optional.of(E512), machine));
        assertThat(sized.get(0).limits().orElseThrow().deviceSectors()).isEqualTo(4096);
        assertThat(sized.get(0).report().accepted()).isTrue();

        List<CheckedTable> read = AlignmentCheck.run(input(AlignmentSource.table("t", "0 8 linear /dev/vdb 0\n"),
            Optional.of("/dev/vdb"), Optional.empty(), machine));
        assertThat(read.get(0).report().lines().get(0).deviceKernelName()).isEqualTo("vdb");

        assertThatThrownBy(() -> AlignmentCheck.run(input(AlignmentSource.table("t", "0 8 linear /dev/vdc 0\n"),
            Optional.of("/dev/vdc"), Optional.empty(), machine)))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("cannot read the limits of /dev/vdc");
    }

    @Test
    void hostileNumbersAreAMessageNotACrash() {
        assertThatThrownBy(() -> AlignmentCheck.run(input(AlignmentSource.table("t",
            "0 8 linear /dev/sda 0\n8 9223372036854775807 linear /dev/sda 0\n"), Optional.empty(), Optional.of(E512),
            AlignmentInput.NO_MACHINE))).isInstanceOf(InputFormatException.class).hasMessageContaining("line 2");
    }
}
