package dev.cowscope.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The device-mapper ioctl structures as {@code <linux/dm-ioctl.h>} lays them out (interface version 4),
 * encoded and decoded in Java so every reply from the kernel is bounds-checked here, not trusted:
 * {@code struct dm_ioctl} (312 bytes), then, from {@code data_start}, one {@code struct dm_target_spec}
 * (40 bytes) and a NUL-terminated parameter string per target, each {@code next} bytes from the data
 * start; for {@code DM_LIST_DEVICES} a chain of {@code struct dm_name_list}, each {@code next} bytes
 * from the one before.
 */
public final class DmIoctl {
    public static final int STRUCT_BYTES = 312;
    static final int SPEC_BYTES = 40;
    static final int NAME_BYTES = 128;
    static final int UUID_BYTES = 129;
    static final int TYPE_BYTES = 16;
    static final int NAME_OFFSET = 48;
    /** {@code DM_STATUS_TABLE_FLAG}: return the table instead of the status. */
    public static final int STATUS_TABLE_FLAG = 1 << 4;
    /** {@code DM_BUFFER_FULL_FLAG}: the reply did not fit; ask again with a larger buffer. */
    public static final int BUFFER_FULL_FLAG = 1 << 8;
    static final int LIST_DEVICES = 2;
    static final int TABLE_STATUS = 12;

    private DmIoctl() {
        throw new AssertionError("no instances");
    }

    /** {@code _IOWR(DM_IOCTL, nr, struct dm_ioctl)}. */
    public static long request(int nr) {
        return (3L << 30) | ((long) STRUCT_BYTES << 16) | (0xfdL << 8) | nr;
    }

    /** One target of a device: its place and what the kernel printed for it. */
    public record Target(long startSector, long lengthSectors, String type, String params) {
        /** The line as {@code dmsetup status NAME} / {@code dmsetup table NAME} prints it. */
        public String line() {
            return Long.toUnsignedString(startSector) + " " + Long.toUnsignedString(lengthSectors) + " " + type
                    + (params.isEmpty() ? "" : " " + params);
        }
    }

    /** A device-mapper device's name and number. */
    public record Device(String name, int major, int minor) {
    }

    /**
     * A request buffer of {@code bytes} for the device {@code name} (or, with an empty name, the one
     * numbered {@code major:minor}).
     */
    public static ByteBuffer encode(int bytes, String name, int major, int minor, int flags) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length >= NAME_BYTES) {
            throw new IllegalArgumentException("a device-mapper name is at most " + (NAME_BYTES - 1) + " bytes: " + name);
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
        b.putInt(0, 4).putInt(4, 0).putInt(8, 0); // interface version 4.0.0: any 4.x kernel answers
        b.putInt(12, bytes);                         // data_size
        b.putInt(16, STRUCT_BYTES);                  // data_start
        b.putInt(28, flags);
        b.putLong(40, name.isEmpty() ? encodeDev(major, minor) : 0);
        b.put(NAME_OFFSET, n);
        return b;
    }

    /** {@code huge_encode_dev}: the kernel's 64-bit device number. */
    static long encodeDev(int major, int minor) {
        return (minor & 0xffL) | ((long) major << 8) | ((minor & ~0xffL) << 12);
    }

    static int major(long dev) {
        return (int) ((dev & 0xfff00) >>> 8);
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & 0xfff00));
    }

    public static int flags(ByteBuffer reply) {
        return reply.getInt(28);
    }

    /** The device's name as the reply gives it. */
    public static String name(ByteBuffer reply) {
        return cString(reply, NAME_OFFSET, NAME_BYTES);
    }

    /**
     * The targets of a {@code DM_TABLE_STATUS} reply.
     *
     * @throws IllegalArgumentException when the reply does not hold together (offsets outside it)
     */
    public static List<Target> targets(ByteBuffer reply) {
        int count = reply.getInt(20);
        int start = dataStart(reply);
        int end = dataEnd(reply);
        if (count < 0 || count > (end - start) / SPEC_BYTES) {
            throw new IllegalArgumentException("reply: " + count + " targets do not fit in " + (end - start) + " bytes");
        }
        List<Target> out = new ArrayList<>(count);
        long at = start;
        for (int i = 0; i < count; i++) {
            if (at < start || at + SPEC_BYTES > end) {
                throw new IllegalArgumentException("reply: target " + i + " lies outside the reply");
            }
            int p = (int) at;
            long sector = reply.getLong(p);
            long length = reply.getLong(p + 8);
            int next = reply.getInt(p + 20);
            String type = cString(reply, p + 24, TYPE_BYTES);
            String params = cString(reply, p + SPEC_BYTES, end - p - SPEC_BYTES);
            out.add(new Target(sector, length, type, params.strip()));
            long following = start + Integer.toUnsignedLong(next);
            if (i + 1 < count && following <= at) {
                throw new IllegalArgumentException("reply: target " + i + " points back to " + next);
            }
            at = following;
        }
        return out;
    }

    /** The devices of a {@code DM_LIST_DEVICES} reply. */
    public static List<Device> devices(ByteBuffer reply) {
        int start = dataStart(reply);
        int end = dataEnd(reply);
        List<Device> out = new ArrayList<>();
        long at = start;
        while (at + 12 < end) {
            int p = (int) at;
            long dev = reply.getLong(p);
            if (dev == 0 && out.isEmpty()) {
                break; // "flags no data": no devices
            }
            int next = reply.getInt(p + 8);
            out.add(new Device(cString(reply, p + 12, Math.min(NAME_BYTES, end - p - 12)), major(dev), minor(dev)));
            if (next == 0) {
                break;
            }
            if (next < 12 || out.size() > 1 << 20) {
                throw new IllegalArgumentException("reply: device list entry " + out.size() + " points to " + next);
            }
            at += Integer.toUnsignedLong(next);
        }
        return out;
    }

    private static int dataStart(ByteBuffer reply) {
        int start = reply.getInt(16);
        if (start < STRUCT_BYTES || start > reply.capacity()) {
            throw new IllegalArgumentException("reply: data starts at " + start + " of " + reply.capacity());
        }
        return start;
    }

    private static int dataEnd(ByteBuffer reply) {
        int size = reply.getInt(12);
        return size < 0 || size > reply.capacity() ? reply.capacity() : Math.max(size, dataStart(reply));
    }

    private static String cString(ByteBuffer b, int offset, int max) {
        int n = 0;
        int limit = Math.max(0, Math.min(max, b.capacity() - offset));
        while (n < limit && b.get(offset + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
