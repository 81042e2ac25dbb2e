package dev.cowscope.monitor;

import dev.cowscope.format.BlockSources;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import dev.cowscope.nativeio.DeviceMapper;
import dev.cowscope.nativeio.DmIoctl;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot the running kernel has, read live through the device-mapper ({@link DeviceMapper}): its
 * name, its table (chunk size, P/PO/N) and, on every {@link #poll}, its status line as
 * {@code dmsetup status NAME} prints it.
 */
public final class LiveSnapshot implements StatusSource, Closeable {
    private final DeviceMapper dm;
    private final String name;
    private final DmIoctl.Target table;

    private LiveSnapshot(DeviceMapper dm, String name, DmIoctl.Target table) {
        this.dm = dm;
        this.name = name;
        this.table = table;
    }

    /**
     * Attaches to a snapshot given as {@code NAME}, {@code /dev/mapper/NAME} or any path to its block
     * device ({@code /dev/VG/LV}, {@code /dev/dm-3}). An LVM origin resolves to its one snapshot.
     *
     * @throws IOException when there is no device-mapper, no permission, no such device, or the device
     *     is not a snapshot (saying which snapshots there are)
     */
    public static LiveSnapshot attach(String device) throws IOException {
        DeviceMapper dm = DeviceMapper.open();
        try {
            String name = nameOf(dm, device);
            List<DmIoctl.Target> lines = dm.table(name).orElseThrow(() -> new IOException(
                    "no device-mapper device named '" + name + "' (dmsetup ls lists them)"));
            if (lines.size() == 1 && isSnapshot(lines.get(0).type())) {
                return new LiveSnapshot(dm, name, lines.get(0));
            }
            if (lines.size() == 1 && lines.get(0).type().equals("snapshot-origin")) {
                return snapshotOfOrigin(dm, name, lines.get(0).params());
            }
            throw new IOException("'" + name + "' is not a snapshot (its table: "
                    + (lines.isEmpty() ? "empty" : lines.get(0).type()) + ")" + listing(dm));
        } catch (IOException | RuntimeException e) {
            dm.close();
            throw e;
        }
    }

    /** The names of the snapshots the kernel has, for a chooser. */
    public static List<String> snapshots() throws IOException {
        try (DeviceMapper dm = DeviceMapper.open()) {
            return snapshotNames(dm);
        }
    }

    private static List<String> snapshotNames(DeviceMapper dm) throws IOException {
        List<String> out = new ArrayList<>();
        for (DmIoctl.Device d : dm.devices()) {
            if (snapshotTable(dm, d.name()).isPresent()) {
                out.add(d.name());
            }
        }
        return out;
    }

    /** The device's one table line when it is a snapshot or snapshot-merge target. */
    private static Optional<DmIoctl.Target> snapshotTable(DeviceMapper dm, String name) throws IOException {
        Optional<List<DmIoctl.Target>> t = dm.table(name);
        return t.isPresent() && t.get().size() == 1 && isSnapshot(t.get().get(0).type())
                ? Optional.of(t.get().get(0)) : Optional.empty();
    }

    public String name() {
        return name;
    }

    /** The table line, e.g. {@code 0 65536 snapshot 254:0 254:16 P 8}. */
    public String tableLine() {
        return table.line();
    }

    /** The chunk size in sectors: the table's last parameter ({@code snapshot ORIGIN COW P|PO|N CHUNK}). */
    public long chunkSizeSectors() {
        String[] p = table.params().split(" ");
        try {
            return Long.parseLong(p[p.length - 1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code PO}: running out of space overflows rather than invalidates (snapshot writes only). */
    public boolean overflowFlag() {
        String[] p = table.params().split(" ");
        return p.length >= 4 && p[2].equalsIgnoreCase("PO");
    }

    /**
     * The status now.
     *
     * @throws IOException when the device is gone or its status is not a snapshot's
     */
    @Override
    public StatusLine poll() throws IOException {
        List<DmIoctl.Target> lines = dm.status(name).orElseThrow(() -> new IOException("'" + name + "' is gone"));
        if (lines.size() != 1) {
            throw new IOException("'" + name + "' has " + lines.size() + " targets: not a snapshot any more");
        }
        DmIoctl.Target t = lines.get(0);
        SnapshotStatus s = SnapshotStatus.parseParams(t.params()).orElseThrow(() -> new IOException(
                "'" + name + "': unexpected status '" + t.line() + "'"));
        return new StatusLine(name, t.startSector(), t.lengthSectors(), t.type(), s);
    }

    @Override
    public void close() {
        dm.close();
    }

    private static boolean isSnapshot(String type) {
        return type.equals(StatusLine.SNAPSHOT) || type.equals(StatusLine.SNAPSHOT_MERGE);
    }

    private static String nameOf(DeviceMapper dm, String device) throws IOException {
        if (!device.contains("/")) {
            return device;
        }
        if (device.startsWith("/dev/mapper/")) {
            return device.substring("/dev/mapper/".length());
        }
        Path real;
        try {
            real = Path.of(device).toRealPath();
        } catch (IOException e) {
            throw new IOException(device + ": no such device");
        }
        long[] mm = blockDeviceNumber(real).orElseThrow(() -> new IOException(
                device + (real.toString().equals(device) ? "" : " (" + real + ")") + " is not a block device"));
        return dm.nameOf((int) mm[0], (int) mm[1]).orElseThrow(() -> new IOException(device + " is not a device-mapper device"));
    }

    /**
     * The {@code major:minor} of a block device node, from the node itself ({@code st_rdev}), whatever it
     * is called: {@code /dev/dm-3}, or {@code /dev/mapper/VG-LV} as dmsetup makes it without udev (the
     * real kernel in the oracle VM); empty when {@code node} is not a block device.
     */
    static Optional<long[]> blockDeviceNumber(Path node) {
        if (!BlockSources.isBlockDevice(node)) {
            return Optional.empty();
        }
        try {
            return Files.getAttribute(node, "unix:rdev") instanceof Long d ? Optional.of(majorMinor(d)) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** glibc's {@code dev_t} encoding: {@code gnu_dev_major}, {@code gnu_dev_minor}. */
    static long[] majorMinor(long devT) {
        return new long[] {((devT >>> 8) & 0xfffL) | ((devT >>> 32) & 0xfffff000L), (devT & 0xffL) | ((devT >>> 12) & 0xffffff00L)};
    }

    /** An LVM origin's table is {@code snapshot-origin REAL}; its snapshots name the same REAL first. */
    private static LiveSnapshot snapshotOfOrigin(DeviceMapper dm, String origin, String real) throws IOException {
        List<String> found = new ArrayList<>();
        DmIoctl.Target only = null;
        for (DmIoctl.Device d : dm.devices()) {
            Optional<DmIoctl.Target> t = snapshotTable(dm, d.name());
            if (t.isPresent() && t.get().params().startsWith(real.strip() + " ")) {
                found.add(d.name());
                only = t.get();
            }
        }
        if (found.size() == 1) {
            return new LiveSnapshot(dm, found.get(0), only);
        }
        throw new IOException("'" + origin + "' is a snapshot origin with "
                + (found.isEmpty() ? "no snapshot" : found.size() + " snapshots (" + String.join(", ", found) + "): name one"));
    }

    private static String listing(DeviceMapper dm) throws IOException {
        List<String> snaps = snapshotNames(dm);
        return snaps.isEmpty() ? "; the kernel has no snapshots" : "; its snapshots: " + String.join(", ", snaps);
    }
}
