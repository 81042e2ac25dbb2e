package dev.cowscope.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's device-mapper, asked as {@code dmsetup} asks it: ioctls on {@code /dev/mapper/control}
 * ({@code DM_LIST_DEVICES}, {@code DM_TABLE_STATUS}). Read-only: no call here changes a device. Needs
 * root (CAP_SYS_ADMIN), like {@code dmsetup}.
 */
public final class DeviceMapper implements Closeable {
    public static final String CONTROL = "/dev/mapper/control";
    private static final int O_RDWR = 2;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ENXIO = 6;
    private static final int EACCES = 13;
    private static final int ENODEV = 19;
    private static final int FIRST_BUFFER = 16 * 1024;
    private static final int MAX_BUFFER = 16 * 1024 * 1024;

    private final LibC libc;
    private final int fd;

    private DeviceMapper(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /**
     * Opens the control device.
     *
     * @throws IOException saying why in words: no device-mapper in this kernel, not root, not Linux
     */
    public static DeviceMapper open() throws IOException {
        LibC libc = LibC.load().orElseThrow(() -> new IOException(
                "the device-mapper is Linux's, and this system's C library cannot be loaded"));
        try {
            return new DeviceMapper(libc, libc.open(CONTROL, O_RDWR));
        } catch (LastErrorException e) {
            throw switch (e.getErrorCode()) {
                case EACCES, EPERM -> new IOException("reading the kernel's snapshot status needs root, like dmsetup: "
                        + CONTROL + ": permission denied");
                case ENOENT, ENODEV, ENXIO -> new IOException("no device-mapper in this kernel (" + CONTROL
                        + ": " + (e.getErrorCode() == ENOENT ? "no such file" : "no such device")
                        + "); it comes with the dm-mod module (modprobe dm-mod)");
                default -> new IOException(CONTROL + ": error " + e.getErrorCode());
            };
        }
    }

    /** Every device-mapper device. */
    public List<DmIoctl.Device> devices() throws IOException {
        return DmIoctl.devices(call(DmIoctl.LIST_DEVICES, "", 0, 0, 0).orElseThrow());
    }

    /** The status lines of device {@code name}; empty when there is no such device. */
    public Optional<List<DmIoctl.Target>> status(String name) throws IOException {
        return call(DmIoctl.TABLE_STATUS, name, 0, 0, 0).map(DmIoctl::targets);
    }

    /** The table lines of device {@code name}; empty when there is no such device. */
    public Optional<List<DmIoctl.Target>> table(String name) throws IOException {
        return call(DmIoctl.TABLE_STATUS, name, 0, 0, DmIoctl.STATUS_TABLE_FLAG).map(DmIoctl::targets);
    }

    /** The name of the device numbered {@code major:minor}; empty when it is not a device-mapper device. */
    public Optional<String> nameOf(int major, int minor) throws IOException {
        return call(DmIoctl.TABLE_STATUS, "", major, minor, DmIoctl.STATUS_TABLE_FLAG).map(DmIoctl::name);
    }

    private Optional<ByteBuffer> call(int nr, String name, int major, int minor, int flags) throws IOException {
        for (int size = FIRST_BUFFER; size <= MAX_BUFFER; size *= 2) {
            ByteBuffer request = DmIoctl.encode(size, name, major, minor, flags);
            try (Memory m = new Memory(size)) {
                m.write(0, request.array(), 0, size);
                try {
                    libc.ioctl(fd, new NativeLong(DmIoctl.request(nr)), m);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        return Optional.empty();
                    }
                    if (e.getErrorCode() == EACCES || e.getErrorCode() == EPERM) {
                        throw new IOException("reading the kernel's snapshot status needs root, like dmsetup: permission denied");
                    }
                    throw new IOException("device-mapper ioctl " + nr + (name.isEmpty() ? "" : " for '" + name + "'")
                            + ": error " + e.getErrorCode());
                }
                ByteBuffer reply = ByteBuffer.wrap(m.getByteArray(0, size)).order(ByteOrder.nativeOrder());
                if ((DmIoctl.flags(reply) & DmIoctl.BUFFER_FULL_FLAG) == 0) {
                    return Optional.of(reply);
                }
            }
        }
        throw new IOException("the device-mapper's reply is larger than " + MAX_BUFFER / (1024 * 1024) + " MiB");
    }

    @Override
    public void close() {
        libc.closeQuietly(fd);
    }
}
