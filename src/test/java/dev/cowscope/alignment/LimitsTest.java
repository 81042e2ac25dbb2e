package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
    @TempDir
    Path tmp;

    @Test
    void parsesHandGivenLimits() throws Exception {
        assertThat(QueueLimits.parse("lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0"))
            .isEqualTo(new QueueLimits(512, 4096, 4096, 0, 0, 0, 0, false));
        assertThat(QueueLimits.parse("lbs=4K")).isEqualTo(new QueueLimits(4096, 4096, 4096, 0, 0, 0, 0, false));
        assertThat(QueueLimits.parse("lbs=512,pbs=4k,part-start=2049,size=120000").partStartSectors()).isEqualTo(2049);
        assertThatThrownBy(() -> QueueLimits.parse("pbs=4096")).hasMessageContaining("lbs");
        assertThatThrownBy(() -> QueueLimits.parse("lbs=512,foo=1")).hasMessageContaining("foo");
        assertThatThrownBy(() -> QueueLimits.parse("lbs=513")).hasMessageContaining("power of two");
    }

    @Test
    void readsAWholeDiskAndAPartitionFromAFakeSysfs() throws Exception {
        Path sys = tmp.resolve("sys");
        Path disk = sys.resolve("devices/pci0000:00/virtio2/block/vdc");
        write(disk, "queue/logical_block_size", 512);
        write(disk, "queue/physical_block_size", 4096);
        write(disk, "queue/minimum_io_size", 4096);
        write(disk, "queue/optimal_io_size", 0);
        write(disk, "alignment_offset", 0);
        write(disk, "size", 131072);
        Path part = disk.resolve("vdc1");
        write(part, "partition", 1);
        write(part, "start", 2049);
        write(part, "size", 120000);
        write(part, "alignment_offset", 3584);
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block/vdc"), disk);
        Files.createSymbolicLink(sys.resolve("class/block/vdc1"), part);
        Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(sys.resolve("dev/block/254:33"), part);
        Path dev = Files.createDirectories(tmp.resolve("dev"));
        Files.createFile(dev.resolve("vdc1"));

        SysfsBlockDevices sysfs = new SysfsBlockDevices(sys, dev);
        BlockDevice whole = sysfs.resolve("/dev/vdc").orElseThrow();
        assertThat(whole.kernelName()).isEqualTo("vdc");
        assertThat(whole.limits()).isEqualTo(new QueueLimits(512, 4096, 4096, 0, 0, 0, 131072, false));

        BlockDevice p = sysfs.resolve("/dev/vdc1").orElseThrow();
        assertThat(p.wholeDiskKernelName()).hasValue("vdc");
        // the partition's own alignment_offset (3584) is derived; stacking uses the disk queue's 0 + start
        assertThat(p.limits()).isEqualTo(new QueueLimits(512, 4096, 4096, 0, 0, 2049, 120000, false));
        assertThat(sysfs.resolve("254:33").map(BlockDevice::kernelName)).hasValue("vdc1");
        assertThat(sysfs.resolve("/dev/sdz")).isEmpty();
        assertThat(StackedLimits.of(p.limits()).alignmentOffsetAt(2049)).isEqualTo(3584);
    }

    @Test
    void misalignedQueueReadsMinusOne() throws Exception {
        Path sys = tmp.resolve("sys");
        Path disk = sys.resolve("devices/virtual/block/dm-3");
        write(disk, "queue/logical_block_size", 512);
        write(disk, "queue/physical_block_size", 4096);
        write(disk, "queue/minimum_io_size", 4096);
        write(disk, "queue/optimal_io_size", 0);
        write(disk, "alignment_offset", -1);
        write(disk, "size", 4096);
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block/dm-3"), disk);
        Optional<BlockDevice> d = new SysfsBlockDevices(sys, tmp.resolve("none")).read("dm-3", "/dev/mapper/x");
        assertThat(d.orElseThrow().limits().misaligned()).isTrue();
    }

    private static void write(Path dir, String file, long value) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, value + "\n");
    }

    @Test
    void limitsNoKernelCanHoldAreRefusedNamingTheKey() throws Exception {
        // queue_limits fields are unsigned int; a block device is at most LLONG_MAX >> 9 sectors
        assertThatThrownBy(() -> QueueLimits.parse("lbs=512,io-opt=8388607T")).isInstanceOf(InputFormatException.class)
            .hasMessageContaining("32-bit");
        assertThatThrownBy(() -> QueueLimits.parse("lbs=512,size=9223372036854775807"))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> QueueLimits.parse("lbs=512,part-start=99999999999999999999"))
            .isInstanceOf(InputFormatException.class).hasMessageContaining("part-start");
        assertThat(QueueLimits.parse("lbs=512,io-opt=4294967295,size=18014398509481983").ioOptBytes())
            .isEqualTo(4294967295L);
    }

    @Test
    void stackingWrapsAsTheKernelsUnsignedIntsDo() {
        // lcm of two coprime 32-bit io_opt values needs 64 bits; C stores it truncated into unsigned int
        long a = 4294967295L;
        long b = 4294967294L;
        StackedLimits top = new StackedLimits(512, 512, 512, a, 0, false);
        StackedLimits bottom = new StackedLimits(512, 512, 512, b, 0, false);
        long expected = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
            .mod(java.math.BigInteger.ONE.shiftLeft(32)).longValueExact();
        assertThat(StackedLimits.lcmNotZero(a, b) & 0xFFFF_FFFFL).isEqualTo(expected).isEqualTo(2);
        // 2 is no multiple of the 512-byte physical block: io_opt dropped to 0 and misaligned, as in C
        StackedLimits.Stacked s = top.stack(bottom, 0);
        assertThat(s.top().ioOptBytes()).isZero();
        assertThat(s.ok()).isFalse();
        // a u64 sector past 2^63 (negative as a long) is divided unsigned, as sector_div does
        StackedLimits e512 = StackedLimits.of(new QueueLimits(512, 4096, 4096, 0, 0, 0, 0, false));
        assertThat(e512.alignmentOffsetAt(-1L)).isEqualTo(512);
        // granularity + alignment offset past 2^32 wraps instead of throwing
        StackedLimits big = new StackedLimits(512, 4294967295L, 4294967295L, 0, 4294967295L, false);
        assertThat(big.alignmentOffsetAt(0)).isBetween(0L, 4294967294L);
        assertThat(big.stack(e512, 7).ok()).isFalse();
    }
}
