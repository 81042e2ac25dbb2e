package dev.cowscope.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The ioctl structures, laid out as {@code <linux/dm-ioctl.h>} and the kernel's {@code retrieve_status} /
 * {@code list_devices} fill them, and hostile replies refused rather than followed.
 */
class DmIoctlTest {
    @Test
    void requestNumbersAreDmsetups() {
        assertThat(DmIoctl.request(DmIoctl.TABLE_STATUS)).isEqualTo(0xC138FD0CL);
        assertThat(DmIoctl.request(DmIoctl.LIST_DEVICES)).isEqualTo(0xC138FD02L);
    }

    @Test
    void requestCarriesVersionSizesAndName() {
        ByteBuffer b = DmIoctl.encode(16384, "vg-snap", 0, 0, DmIoctl.STATUS_TABLE_FLAG);
        assertThat(b.getInt(0)).isEqualTo(4);
        assertThat(b.getInt(12)).isEqualTo(16384);
        assertThat(b.getInt(16)).isEqualTo(312);
        assertThat(b.getInt(28)).isEqualTo(DmIoctl.STATUS_TABLE_FLAG);
        assertThat(DmIoctl.name(b)).isEqualTo("vg-snap");
        ByteBuffer byNumber = DmIoctl.encode(16384, "", 253, 300, 0);
        assertThat(byNumber.getLong(40)).isEqualTo((300 & 0xff) | (253L << 8) | ((300L & ~0xff) << 12));
        assertThat(DmIoctl.major(byNumber.getLong(40))).isEqualTo(253);
        assertThat(DmIoctl.minor(byNumber.getLong(40))).isEqualTo(300);
        assertThatThrownBy(() -> DmIoctl.encode(16384, "x".repeat(128), 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A status reply as retrieve_status writes it: spec, params, next aligned to 8 from the data start. */
    static ByteBuffer statusReply(String... typeAndParams) {
        ByteBuffer b = DmIoctl.encode(4096, "snap", 0, 0, 0);
        int at = 312;
        for (int i = 0; i < typeAndParams.length; i += 2) {
            byte[] params = (typeAndParams[i + 1] + "\0").getBytes(StandardCharsets.UTF_8);
            b.putLong(at, 0).putLong(at + 8, 65536);
            b.put(at + 24, typeAndParams[i].getBytes(StandardCharsets.UTF_8));
            b.put(at + 40, params);
            int end = at + 40 + params.length;
            int next = (end + 7) & ~7;
            b.putInt(at + 20, next - 312);
            at = next;
        }
        b.putInt(20, typeAndParams.length / 2);
        b.putInt(12, at);
        return b;
    }

    @Test
    void statusRepliesReadAsDmsetupPrintsThem() {
        var t = DmIoctl.targets(statusReply("snapshot", "2072/4096 24"));
        assertThat(t).hasSize(1);
        assertThat(t.get(0).line()).isEqualTo("0 65536 snapshot 2072/4096 24");
        var two = DmIoctl.targets(statusReply("linear", "254:0 0", "snapshot-origin", ""));
        assertThat(two).extracting(DmIoctl.Target::type).containsExactly("linear", "snapshot-origin");
        assertThat(two.get(1).line()).isEqualTo("0 65536 snapshot-origin");
    }

    @Test
    void hostileRepliesAreRefused() {
        ByteBuffer many = statusReply("snapshot", "Invalid");
        many.putInt(20, 1_000_000);
        assertThatThrownBy(() -> DmIoctl.targets(many)).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer loop = statusReply("snapshot", "Invalid", "snapshot", "Invalid");
        loop.putInt(312 + 20, 0);
        assertThatThrownBy(() -> DmIoctl.targets(loop)).hasMessageContaining("points back");
        ByteBuffer start = statusReply("snapshot", "Invalid");
        start.putInt(16, 1 << 30);
        assertThatThrownBy(() -> DmIoctl.targets(start)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deviceListsFollowTheirChain() {
        ByteBuffer b = DmIoctl.encode(4096, "", 0, 0, 0);
        b.putLong(312, DmIoctl.encodeDev(253, 0)).putInt(312 + 8, 24).put(312 + 12, "a\0".getBytes(StandardCharsets.UTF_8));
        b.putLong(336, DmIoctl.encodeDev(253, 1)).putInt(336 + 8, 0).put(336 + 12, "vg-snap\0".getBytes(StandardCharsets.UTF_8));
        b.putInt(12, 400);
        assertThat(DmIoctl.devices(b)).containsExactly(new DmIoctl.Device("a", 253, 0), new DmIoctl.Device("vg-snap", 253, 1));
        ByteBuffer none = DmIoctl.encode(4096, "", 0, 0, 0);
        assertThat(DmIoctl.devices(none)).isEmpty();
    }

    @Test
    void withoutTheKernelsDeviceMapperTheMessageSaysSo() {
        // This machine's kernel has no device-mapper (or the test runs unprivileged): either way a sentence.
        try (DeviceMapper dm = DeviceMapper.open()) {
            assertThat(dm.devices()).isNotNull();
        } catch (IOException e) {
            assertThat(e.getMessage()).containsAnyOf("no device-mapper", "needs root", "cannot be loaded");
        }
    }
}
