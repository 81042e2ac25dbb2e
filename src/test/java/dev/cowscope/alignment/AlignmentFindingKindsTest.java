package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Severity;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every alignment finding kind, made by the rules on a table line, in the common finding model. */
class AlignmentFindingKindsTest {
    private static final QueueLimits E512 = new QueueLimits(512, 4096, 4096, 0, 0, 0, 1 << 20, false);
    private static final QueueLimits K4N = new QueueLimits(4096, 4096, 4096, 0, 0, 0, 1 << 20, false);
    private static final QueueLimits N512 = new QueueLimits(512, 512, 512, 0, 0, 0, 1 << 20, false);
    private static final QueueLimits USB = new QueueLimits(512, 4096, 4096, 33553920, 0, 0, 1 << 20, false);

    /** A table, the 1-based line the kind is expected on, and the devices. */
    private record Case(KernelVersion kernel, String table, int line, List<BlockDevice> devices) {
    }

    private static Case of(KernelVersion kernel, String table, int line, BlockDevice... devices) {
        return new Case(kernel, table, line, List.of(devices));
    }

    private static BlockDevice dev(String name, QueueLimits limits) {
        return BlockDevice.whole("/dev/" + name, name, limits);
    }

    private static Map<FindingKind, Case> cases() {
        Map<FindingKind, Case> c = new EnumMap<>(FindingKind.class);
        c.put(FindingKind.TARGET_TOO_LARGE, of(KernelVersion.NEW, "0 9223372036854775807 linear /dev/sda 0", 1,
            dev("sda", E512)));
        c.put(FindingKind.ZERO_LENGTH_TARGET, of(KernelVersion.V5_3, "0 0 linear /dev/sda 0", 1, dev("sda", E512)));
        c.put(FindingKind.GAP_IN_TABLE, of(KernelVersion.V6_1, "0 8 linear /dev/sda 0\n16 8 linear /dev/sda 8", 2,
            dev("sda", E512)));
        c.put(FindingKind.DISK_AND_PARTITION_CLAIMED, of(KernelVersion.V6_1,
            "0 8 linear /dev/sdc1 0\n8 8 linear /dev/sdc 8192", 2,
            new BlockDevice("/dev/sdc1", "sdc1", Optional.of("sdc"), E512.withPartStartSectors(2048)), dev("sdc", E512)));
        c.put(FindingKind.TARGET_PAST_DEVICE_END, of(KernelVersion.V5_3, "0 200 linear /dev/sda 900", 1,
            dev("sda", E512.withDeviceSectors(1000))));
        c.put(FindingKind.OFFSET_NOT_LOGICAL_BLOCK_ALIGNED, of(KernelVersion.V5_3, "0 8 linear /dev/nvme0n1 1", 1,
            dev("nvme0n1", K4N)));
        c.put(FindingKind.LENGTH_NOT_LOGICAL_BLOCK_ALIGNED, of(KernelVersion.NEW, "0 7 linear /dev/nvme0n1 8", 1,
            dev("nvme0n1", K4N)));
        c.put(FindingKind.TABLE_BOUNDARY_NOT_LOGICAL_BLOCK_ALIGNED, of(KernelVersion.V5_3,
            "0 4 linear /dev/sda 0\n4 8 linear /dev/nvme0n1 0", 2, dev("sda", N512), dev("nvme0n1", K4N)));
        c.put(FindingKind.DEVICE_LIMITS_INCONSISTENT, of(KernelVersion.V5_3, "0 8 linear /dev/sdb 2048", 1,
            dev("sdb", USB)));
        c.put(FindingKind.ALIGNMENT_INCONSISTENCY, of(KernelVersion.V5_3,
            "0 2048 linear /dev/sda 2048\n2048 2048 linear /dev/sda 4097", 2, dev("sda", E512)));
        c.put(FindingKind.OFF_PHYSICAL_BLOCK_GRID, of(KernelVersion.V5_3, "0 8 linear /dev/sda 7\n8 8 linear /dev/sda 63",
            1, dev("sda", E512)));
        c.put(FindingKind.DEVICE_SIZE_UNKNOWN, of(KernelVersion.NEW, "0 2048 linear /dev/vdd 2048", 1,
            dev("vdd", E512.withDeviceSectors(0))));
        return c;
    }

    @Test
    void everyKindIsMadeOnItsLineWithItsDefaultSeverityAndAHint() throws Exception {
        for (Map.Entry<FindingKind, Case> e : cases().entrySet()) {
            FindingKind kind = e.getKey();
            Case c = e.getValue();
            AlignmentReport r = new AlignmentRules(c.kernel()).check(LinearTable.parse(c.table()),
                DeviceResolver.of(c.devices()));
            LineReport line = r.lines().get(c.line() - 1);
            Finding f = line.findings().stream().filter(x -> x.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " not made by " + c.table() + ": " + line.findings()));
            assertThat(f.severity()).as(kind.name()).isEqualTo(kind.defaultSeverity());
            assertThat(f.location()).as(kind.name()).isEqualTo(Location.line(c.line()));
            assertThat(f.hint()).as(kind.name()).isNotBlank();
            assertThat(kind.kernelCheck()).as(kind.name()).isNotEmpty();
            // the line's verdict is derived from its findings, never below what this one gives
            assertThat(line.verdict().worst(Verdict.of(f))).as(kind.name()).isEqualTo(line.verdict());
        }
    }

    @Test
    void verdictsFollowTheSeverityAndAnUncheckedSizeIsUnknown() {
        assertThat(Verdict.of(Finding.of(FindingKind.GAP_IN_TABLE, Location.line(1), "m"))).isEqualTo(Verdict.REJECT);
        assertThat(Verdict.of(Finding.of(FindingKind.ALIGNMENT_INCONSISTENCY, Location.line(1), "m")))
            .isEqualTo(Verdict.WARN);
        assertThat(Verdict.of(Finding.of(FindingKind.OFF_PHYSICAL_BLOCK_GRID, Location.line(1), "m")))
            .isEqualTo(Verdict.OK);
        assertThat(Verdict.of(Finding.of(FindingKind.DEVICE_SIZE_UNKNOWN, Location.line(1), "m")))
            .isEqualTo(Verdict.UNKNOWN);
        assertThat(FindingKind.DEVICE_SIZE_UNKNOWN.defaultSeverity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void everyAlignmentKindHasACaseAbove() {
        assertThat(cases().keySet()).containsExactlyInAnyOrderElementsOf(
            Arrays.stream(FindingKind.values()).filter(k -> !k.kernelCheck().isEmpty()).toList());
    }
}
