package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One hand-made case per kernel rule. */
class AlignmentRulesTest {
    private static final QueueLimits E512 = new QueueLimits(512, 4096, 4096, 0, 0, 0, 1 << 20, false);
    private static final QueueLimits K4N = new QueueLimits(4096, 4096, 4096, 0, 0, 0, 1 << 20, false);
    private static final QueueLimits N512 = new QueueLimits(512, 512, 512, 0, 0, 0, 1 << 20, false);
    private static final List<String> LOAD_FAILED = List.of(
        "device-mapper: core: Cannot calculate initial queue limits",
        "device-mapper: ioctl: unable to set up device queue for new table.");

    private static AlignmentReport check(KernelVersion kernel, String table, BlockDevice... devices) throws Exception {
        return new AlignmentRules(kernel).check(LinearTable.parse(table), DeviceResolver.of(List.of(devices)));
    }

    private static BlockDevice dev(String name, QueueLimits limits) {
        return BlockDevice.whole("/dev/" + name, name, limits);
    }

    private static List<String> lines(AlignmentReport report) {
        return report.kernelMessages().stream().map(KernelMessage::render).toList();
    }

    @Test
    void areaPastTheDeviceEndIsRejected() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 200 linear /dev/sda 900",
            dev("sda", E512.withDeviceSectors(1000)));
        assertThat(r.accepted()).isFalse();
        assertThat(lines(r)).containsExactly(
            "device-mapper: table: sda too small for target: start=900, len=200, dev_size=1000",
            LOAD_FAILED.get(0), LOAD_FAILED.get(1));
        assertThat(r.lines().get(0).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.kernelMessages().get(0).render("253:4"))
            .isEqualTo("device-mapper: table: 253:4: sda too small for target: start=900, len=200, dev_size=1000");
    }

    @Test
    void startNotOnA4KnLogicalBlockIsRejected() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/nvme0n1 1", dev("nvme0n1", K4N));
        // stacking first: offset 3584 is not a multiple of the 4096-byte logical block, so W1 comes before
        assertThat(lines(r)).containsExactly(
            "device-mapper: table: adding target device nvme0n1 caused an alignment inconsistency: "
                + "physical_block_size=4096, logical_block_size=4096, alignment_offset=0, start=512",
            "device-mapper: table: start=1 not aligned to h/w logical block size 4096 of nvme0n1",
            LOAD_FAILED.get(0), LOAD_FAILED.get(1));
        assertThat(r.kernelMessages().get(1).level()).isEqualTo(KernelMessage.Level.WARNING);
        assertThat(r.lines().get(0).hint()).contains("4 KiB");
    }

    @Test
    void lengthNotOnA4KnLogicalBlockIsRejectedAsErrorOnNewKernels() throws Exception {
        AlignmentReport r = check(KernelVersion.NEW, "0 7 linear /dev/nvme0n1 8", dev("nvme0n1", K4N));
        assertThat(lines(r)).containsExactly(
            "device-mapper: table: len=7 not aligned to h/w logical block size 4096 of nvme0n1",
            LOAD_FAILED.get(0), LOAD_FAILED.get(1));
        assertThat(r.kernelMessages().get(0).level()).isEqualTo(KernelMessage.Level.ERR);
    }

    @Test
    void aligned4KnTableIsAccepted() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/nvme0n1 8\n8 16 linear /dev/nvme0n1 64",
            dev("nvme0n1", K4N));
        assertThat(r.accepted()).isTrue();
        assertThat(r.kernelMessages()).isEmpty();
        assertThat(r.predictedAlignmentOffset()).hasValue(0);
        assertThat(r.summary()).isEqualTo("0 lines rejected, 0 warnings");
    }

    @Test
    void boundaryInsideALargerLogicalBlockIsRejectedByValidateHardwareLogicalBlockAlignment() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 4 linear /dev/sda 0\n4 8 linear /dev/nvme0n1 0",
            dev("sda", N512), dev("nvme0n1", K4N));
        assertThat(lines(r)).containsExactly(
            "device-mapper: table: table line 1 (start sect 4 len 8) not aligned to h/w logical block size 4096",
            LOAD_FAILED.get(0), LOAD_FAILED.get(1));
        assertThat(r.lines().get(1).verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    void totalLengthNotOnTheTableLogicalBlockNamesTheTargetCount() throws Exception {
        // the loop ran to the end: %u is the number of targets, start/len those of the last line
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/nvme0n1 0\n8 4 linear /dev/sda 0",
            dev("sda", N512), dev("nvme0n1", K4N));
        assertThat(lines(r).get(0)).isEqualTo(
            "device-mapper: table: table line 2 (start sect 8 len 4) not aligned to h/w logical block size 4096");
        assertThat(r.lines().get(1).verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    void gapInTableFailsAtLoad() throws Exception {
        String table = "0 8 linear /dev/sda 0\n16 8 linear /dev/sda 8";
        assertThat(lines(check(KernelVersion.V6_1, table, dev("sda", E512)))).containsExactly(
            "device-mapper: table: linear: Gap in table (-EINVAL)",
            "device-mapper: ioctl: error adding target to table");
        AlignmentReport old = check(KernelVersion.V5_3, table, dev("sda", E512));
        assertThat(lines(old).get(0)).isEqualTo("device-mapper: table: linear: Gap in table");
        assertThat(old.lines().get(1).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(old.lines().get(0).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void firstLineNotAtZeroIsAGap() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "8 8 linear /dev/sda 0", dev("sda", E512));
        assertThat(r.accepted()).isFalse();
        assertThat(r.lines().get(0).hint()).contains("sector 0");
    }

    @Test
    void zeroLengthTargetFailsAtLoad() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 0 linear /dev/sda 0", dev("sda", E512));
        assertThat(lines(r)).containsExactly("device-mapper: table: zero-length target",
            "device-mapper: ioctl: error adding target to table");
    }

    @Test
    void partitionAndItsWholeDiskCannotBothBeClaimed() throws Exception {
        BlockDevice part = new BlockDevice("/dev/sdc1", "sdc1", Optional.of("sdc"), E512.withPartStartSectors(2048));
        AlignmentReport r = check(KernelVersion.V6_1, "0 8 linear /dev/sdc1 0\n8 8 linear /dev/sdc 8192",
            part, dev("sdc", E512));
        assertThat(lines(r)).containsExactly("device-mapper: table: linear: Device lookup failed (-EBUSY)",
            "device-mapper: ioctl: error adding target to table");
        assertThat(r.lines().get(1).verdict()).isEqualTo(Verdict.REJECT);
        // two partitions of one disk are fine
        BlockDevice part2 = new BlockDevice("/dev/sdc2", "sdc2", Optional.of("sdc"), E512.withPartStartSectors(4096));
        assertThat(check(KernelVersion.V6_1, "0 8 linear /dev/sdc1 0\n8 8 linear /dev/sdc2 0", part, part2)
            .accepted()).isTrue();
    }

    @Test
    void bogusOptimalIoSizeWarnsOnV53FourTimesButNotOnNewKernels() throws Exception {
        QueueLimits usb = new QueueLimits(512, 4096, 4096, 33553920, 0, 0, 1 << 20, false);
        AlignmentReport old = check(KernelVersion.V5_3, "0 8 linear /dev/sdb 2048", dev("sdb", usb));
        String w1 = "device-mapper: table: adding target device sdb caused an alignment inconsistency: "
            + "physical_block_size=4096, logical_block_size=512, alignment_offset=0, start=1048576";
        // load and resume each calculate the limits; each calculation stacks the device twice
        assertThat(lines(old)).containsExactly(w1, w1, w1, w1);
        assertThat(old.accepted()).isTrue();
        assertThat(old.predictedAlignmentOffset()).hasValue(-1);
        assertThat(old.lines().get(0).verdict()).isEqualTo(Verdict.WARN);
        assertThat(old.lines().get(0).reason()).contains("optimal_io_size 33553920");

        AlignmentReport current = check(KernelVersion.NEW, "0 8 linear /dev/sdb 2048", dev("sdb", usb));
        assertThat(current.kernelMessages()).isEmpty();
        assertThat(current.predictedAlignmentOffset()).hasValue(0);
        assertThat(current.resultingLimits().orElseThrow().ioOptBytes()).isEqualTo(33550336);
    }

    @Test
    void alignmentOffsetNotAMultipleOf512WarnsW1() throws Exception {
        QueueLimits odd = new QueueLimits(512, 4096, 4096, 0, 256, 0, 1 << 20, false);
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/sdb 0", dev("sdb", odd));
        String w1 = "device-mapper: table: adding target device sdb caused an alignment inconsistency: "
            + "physical_block_size=4096, logical_block_size=512, alignment_offset=256, start=0";
        String w2 = "device-mapper: table: adding target device (start sect 0 len 8) caused an alignment inconsistency";
        // the target's offset 256 then also fails against the table's 0: W2 after W1
        assertThat(lines(r)).containsExactly(w1, w2, w1, w1, w2, w1);
        assertThat(r.lines().get(0).reason()).contains("alignment_offset 256");
    }

    @Test
    void physicalBlockNotAMultipleOfTheLogicalBlockWarnsW1() throws Exception {
        QueueLimits odd = new QueueLimits(4096, 2048, 4096, 0, 0, 0, 1 << 20, false);
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/sdb 8", dev("sdb", odd));
        assertThat(lines(r)).hasSize(4).allMatch(l -> l.contains("physical_block_size=2048, logical_block_size=4096"));
        assertThat(r.lines().get(0).reason()).contains("physical_block_size 2048 is not a multiple");
    }

    @Test
    void minimumIoNotAMultipleOfThePhysicalBlockWarnsW1() throws Exception {
        QueueLimits odd = new QueueLimits(512, 4096, 6144, 0, 0, 0, 1 << 20, false);
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/sdb 0", dev("sdb", odd));
        assertThat(lines(r)).hasSize(4);
        assertThat(r.lines().get(0).reason()).contains("minimum_io_size 6144");
    }

    @Test
    void linesWithDifferentPhysicalPhaseWarnW2TwiceAndMisalign() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 2048 linear /dev/sda 2048\n2048 2048 linear /dev/sda 4097",
            dev("sda", E512));
        String w2 = "device-mapper: table: adding target device (start sect 2048 len 2048) caused an alignment inconsistency";
        assertThat(lines(r)).containsExactly(w2, w2);
        assertThat(r.kernelMessages().get(1).resume()).isTrue();
        assertThat(r.predictedAlignmentOffset()).hasValue(-1);
        assertThat(r.lines()).extracting(LineReport::verdict).containsExactly(Verdict.OK, Verdict.WARN);
        assertThat(r.lines().get(1).alignmentOffsetBytes()).isEqualTo(3584);
        assertThat(r.summary()).isEqualTo("0 lines rejected, 1 warning");
        assertThat(r.outcome()).contains("alignment_offset -1");
    }

    @Test
    void w2HintNamesTheFileSystemBlockAndThePartitionStart() throws Exception {
        QueueLimits part = E512.withPartStartSectors(2049);
        BlockDevice sdc1 = new BlockDevice("/dev/sdc1", "sdc1", Optional.of("sdc"), part);
        // partition at 2049: offset 0 is 512 B into a block; offset 1 is 1 KiB into one
        AlignmentReport r = new AlignmentRules(KernelVersion.V5_3).check(
            LinearTable.parse("0 8 linear /dev/sdc1 0\n8 8 linear /dev/sdc1 1"), DeviceResolver.of(List.of(sdc1)),
            OptionalLong.of(1024));
        assertThat(r.lines().get(1).hint()).isEqualTo("starts 1 KiB into a 4 KiB physical block: make the file"
            + " system with 4 KiB blocks, or start the partition at a multiple of 8 sectors");
    }

    @Test
    void uniformNonZeroOffsetIsAcceptedWithoutMessage() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 8 linear /dev/sda 7\n8 8 linear /dev/sda 63",
            dev("sda", E512));
        assertThat(r.kernelMessages()).isEmpty();
        assertThat(r.predictedAlignmentOffset()).hasValue(512);
        assertThat(r.lines()).extracting(LineReport::verdict).containsOnly(Verdict.OK);
        assertThat(r.lines().get(0).reason()).contains("3.5 KiB".replace("3.5 KiB", "3584 bytes"));
    }

    @Test
    void newKernelsMaskANonZeroOffsetAndClearMisaligned() throws Exception {
        String table = "0 8 linear /dev/sda 1\n8 8 linear /dev/sda 8";
        assertThat(check(KernelVersion.V5_3, table, dev("sda", E512)).predictedAlignmentOffset()).hasValue(-1);
        assertThat(check(KernelVersion.NEW, table, dev("sda", E512)).predictedAlignmentOffset()).hasValue(3584);
    }

    @Test
    void unknownDeviceIsAnInputError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(KernelVersion.V5_3,
                "0 8 linear /dev/sdz 0", dev("sda", E512)))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("/dev/sdz");
    }

    @Test
    void laterProblemsAreListedEvenThoughTheKernelStopsAtTheFirst() throws Exception {
        AlignmentReport r = check(KernelVersion.V5_3, "0 7 linear /dev/nvme0n1 8\n7 9 linear /dev/nvme0n1 3",
            dev("nvme0n1", K4N));
        assertThat(r.kernelMessages()).hasSize(3);
        assertThat(r.rejectedLines()).isEqualTo(2);
        assertThat(r.summary()).isEqualTo("2 lines rejected, 0 warnings");
    }

    // ---- issue #12 ---------------------------------------------------------------------------------

    @Test
    void offsetNearTheSectorLimitIsTooSmallNotAnOverflow() throws Exception {
        AlignmentReport r = check(KernelVersion.NEW, "0 8 linear /dev/sda 9223372036854775807",
            dev("sda", E512.withDeviceSectors(100_000)));
        assertThat(r.rejected()).isTrue();
        assertThat(lines(r).get(0)).isEqualTo(
            "device-mapper: table: sda too small for target: start=9223372036854775807, len=8, dev_size=100000");
        // get_start_sect + offset is a u64 sum: a partition start on top does not overflow either
        BlockDevice part = new BlockDevice("/dev/sda1", "sda1", Optional.of("sda"),
            E512.withPartStartSectors(QueueLimits.MAX_SECTORS));
        AlignmentReport p = check(KernelVersion.V5_3, "0 8 linear /dev/sda1 9223372036854775807", part);
        assertThat(p.rejected()).isTrue();
        // (2^54 - 1 + 2^63 - 1) mod 8 = 6: 1024 bytes short of the next 4 KiB boundary
        assertThat(p.lines().get(0).alignmentOffsetBytes()).isEqualTo(1024);
    }

    @Test
    void tableEndingPastTheLargestDeviceIsTooLargeOnNewKernelsOnly() throws Exception {
        String table = "0 18014398509481984 linear /dev/sda 0";
        AlignmentReport r = check(KernelVersion.NEW, table, dev("sda", E512));
        assertThat(lines(r)).containsExactly("device-mapper: table: too large device",
            "device-mapper: ioctl: error adding target to table");
        assertThat(r.lines().get(0).reason()).contains("too large device");
        AlignmentReport old = check(KernelVersion.V6_1, table, dev("sda", E512));
        assertThat(lines(old).get(0)).startsWith("device-mapper: table: sda too small for target");
    }

    @Test
    void unknownSizeLeavesOutOnlyTheTooSmallCheck() throws Exception {
        QueueLimits unknown = K4N.withDeviceSectors(0);
        AlignmentReport fits = check(KernelVersion.NEW, "0 2048 linear /dev/vdd 2048", dev("vdd", unknown));
        assertThat(fits.decision()).isEqualTo(AlignmentReport.Decision.UNKNOWN);
        assertThat(fits.accepted()).isFalse();
        assertThat(fits.rejected()).isFalse();
        assertThat(fits.predictedAlignmentOffset()).isEmpty();
        assertThat(fits.lines().get(0).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(fits.lines().get(0).reason()).contains("at least 4096 sectors");
        assertThat(fits.notChecked()).singleElement().asString().contains("vdd").contains("too-small");
        assertThat(fits.outcome()).startsWith("UNKNOWN").doesNotContain("accepts");
        assertThat(fits.summary()).isEqualTo("0 lines rejected, 0 warnings, 1 line not checked");

        // a misaligned start needs no size: still rejected, and certain
        AlignmentReport bad = check(KernelVersion.V6_1, "0 2048 linear /dev/vdd 2049", dev("vdd", unknown));
        assertThat(bad.decision()).isEqualTo(AlignmentReport.Decision.REJECTED);
        assertThat(bad.lines().get(0).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(lines(bad)).contains("device-mapper: table: start=2049 not aligned to h/w logical block size 4096 of vdd");

        // a warning that needs no size stays a warning; the table is still undecided
        AlignmentReport warned = check(KernelVersion.V5_3, "0 8 linear /dev/sda 0\n8 8 linear /dev/sda 9",
            dev("sda", E512.withDeviceSectors(0)));
        assertThat(warned.lines()).extracting(LineReport::verdict).containsExactly(Verdict.UNKNOWN, Verdict.WARN);
        assertThat(warned.decision()).isEqualTo(AlignmentReport.Decision.UNKNOWN);
    }

    @Test
    void claimConflictNamesTheEarliestClaimInLinearTime() throws Exception {
        BlockDevice part = new BlockDevice("/dev/sdc1", "sdc1", Optional.of("sdc"), E512.withPartStartSectors(2048));
        BlockDevice disk = dev("sdc", E512);
        BlockDevice other = dev("sdd", E512);
        AlignmentReport r = check(KernelVersion.V6_1,
            "0 8 linear /dev/sdd 0\n8 8 linear /dev/sdc1 0\n16 8 linear /dev/sdc 8192\n24 8 linear /dev/sdc1 8",
            part, disk, other);
        assertThat(r.lines()).extracting(LineReport::verdict)
            .containsExactly(Verdict.OK, Verdict.OK, Verdict.REJECT, Verdict.REJECT);
        assertThat(r.lines().get(2).reason()).contains("sdc and sdc1 (/dev/sdc1, used by an earlier line)");
        assertThat(r.lines().get(3).reason()).contains("sdc1 and sdc (/dev/sdc, used by an earlier line)");

        int n = 100_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i * 8L).append(" 8 linear ").append(i % 2 == 0 ? "/dev/sdc1" : "/dev/sdd").append(' ')
                .append(i * 8L).append('\n');
        }
        LinearTable big = LinearTable.parse(sb.toString());
        long t0 = System.nanoTime();
        AlignmentReport many = new AlignmentRules(KernelVersion.NEW).check(big,
            DeviceResolver.of(List.of(new BlockDevice("/dev/sdc1", "sdc1", Optional.of("sdc"),
                E512.withPartStartSectors(2048).withDeviceSectors(1L << 30)),
                dev("sdd", E512.withDeviceSectors(1L << 30)))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(many.accepted()).isTrue();
        assertThat(ms).as("41 s when every line scanned the lines before it").isLessThan(10_000);
    }
}
