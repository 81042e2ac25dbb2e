package dev.cowscope.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The p4-alignment kernel fixtures: folder, and the devices of the VM they were recorded on. */
final class KernelFixtures {
    private KernelFixtures() {
    }

    /** {@code cowscope.fixtures}/p4-alignment; fails (never skips) when missing. */
    static Path p4() {
        Path root = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"));
        Path dir = root.resolve("p4-alignment");
        assertThat(dir.resolve("manifest.json"))
            .as("kernel fixtures missing at %s (set -Dcowscope.fixtures)", dir.toAbsolutePath())
            .exists();
        return dir;
    }

    /** {@code key=value} lines of a limits dump. */
    static Map<String, String> keyValues(List<String> lines) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines) {
            for (String part : line.strip().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    map.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return map;
    }

    static QueueLimits limits(Map<String, String> kv, long partStart, long sizeSectors) {
        long ao = Long.parseLong(kv.get("alignment_offset"));
        return new QueueLimits(Long.parseLong(kv.get("queue/logical_block_size")),
            Long.parseLong(kv.get("queue/physical_block_size")), Long.parseLong(kv.get("queue/minimum_io_size")),
            Long.parseLong(kv.get("queue/optimal_io_size")), Math.max(ao, 0), partStart, sizeSectors, ao < 0);
    }

    /**
     * The VM's devices as tables name them: the virtio disks (devices.txt), the partition vdc1 (start
     * 2049 on vdc, whose queue it uses), lin1 = dm-0 (lin1-limits.txt) and loop0 (loop0-limits.txt).
     */
    static List<BlockDevice> devices(Path p4) throws IOException {
        List<BlockDevice> devices = new ArrayList<>();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(p4.resolve("devices.txt"))) {
            if (line.startsWith("== ")) {
                current = line.substring(3).split("\\s+")[0];
                sections.put(current, new ArrayList<>());
            } else if (current != null) {
                sections.get(current).add(line);
            }
        }
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            List<String> diskLines = e.getValue().stream().filter(l -> !l.startsWith("partition=")).toList();
            Map<String, String> kv = keyValues(diskLines);
            QueueLimits disk = limits(kv, 0, Long.parseLong(kv.get("size")));
            devices.add(BlockDevice.whole("/dev/" + e.getKey(), e.getKey(), disk));
            for (String line : e.getValue()) {
                if (line.startsWith("partition=")) {
                    Map<String, String> part = keyValues(List.of(line));
                    String name = part.get("partition");
                    QueueLimits partLimits = disk.withPartStartSectors(Long.parseLong(part.get("start")))
                        .withDeviceSectors(Long.parseLong(part.get("size")));
                    devices.add(new BlockDevice("/dev/" + name, name, java.util.Optional.of(e.getKey()), partLimits));
                }
            }
        }
        Map<String, String> lin1 = keyValues(Files.readAllLines(p4.resolve("lin1-limits.txt")));
        devices.add(BlockDevice.whole("/dev/mapper/lin1", "dm-0", limits(lin1, 0, Long.parseLong(lin1.get("size")))));
        Map<String, String> loop0 = keyValues(Files.readAllLines(p4.resolve("loop0-limits.txt")));
        devices.add(BlockDevice.whole("/dev/loop0", "loop0", limits(loop0, 0, Long.parseLong(loop0.get("size")))));
        return devices;
    }
}
