package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.format.Progress;
import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillReport;
import dev.cowscope.monitor.FillThresholds;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusLog;
import dev.cowscope.nativeio.DmIoctl;
import dev.cowscope.report.FillLogJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fill monitor's inputs: a status log (any bytes, lines of any kind), a chunk size and thresholds
 * as typed, and a device-mapper ioctl reply. Allowed outcomes: a report (every prediction in the
 * future of its sample), a {@link StatusLog.LogException} (several snapshots, none named), or an
 * IllegalArgumentException naming what is wrong; anything else is a crash to fix.
 */
class FillLogFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void statusLog(FuzzedDataProvider data) throws IOException {
        long chunk = data.consumeBoolean() ? 1L << data.consumeInt(0, 22) : data.consumeLong();
        String thresholds = data.consumeString(40);
        String name = data.consumeBoolean() ? data.consumeString(16) : null;
        byte[] log = data.consumeRemainingAsBytes();
        FillThresholds levels;
        try {
            levels = FillThresholds.parse(thresholds);
        } catch (IllegalArgumentException refused) {
            levels = FillThresholds.DMEVENTD;
        }
        StatusLog read;
        try {
            read = StatusLog.read(new ByteArrayInputStream(log), log.length, name, Progress.NONE);
        } catch (StatusLog.LogException refused) {
            return;
        }
        long cs = chunk > 0 && dev.cowscope.format.AreaLayout.refusal(chunk) == null ? chunk : 0;
        FillReport report = FillReport.of(read, cs, levels);
        report.forEachPoint(p -> {
            if (p.predictsLoss() && p.fullAtMicros() < p.micros()) {
                throw new AssertionError("prediction in the past: " + LogTime.text(p.micros()) + " → " + p.fullAtMicros());
            }
            if (p.fullAtMicros() != FillPoint.NEVER && !p.status().isActive()) {
                throw new AssertionError("a lost snapshot got a prediction");
            }
        });
        FillLogJson.write("fuzz", report, Writer.nullWriter());
    }

    @FuzzTest(maxDuration = "10m")
    void ioctlReply(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteBuffer b = ByteBuffer.allocate(Math.max(bytes.length, DmIoctl.STRUCT_BYTES)).order(ByteOrder.nativeOrder());
        b.put(bytes).clear();
        try {
            DmIoctl.targets(b);
        } catch (IllegalArgumentException refused) {
            // a reply that does not hold together
        }
        try {
            DmIoctl.devices(b);
        } catch (IllegalArgumentException refused) {
            // likewise
        }
    }
}
