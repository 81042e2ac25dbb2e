package dev.cowscope.ui.monitor;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.StatusLine;
import dev.cowscope.monitor.FillWatch;
import dev.cowscope.monitor.LogTime;
import dev.cowscope.monitor.StatusSource;
import dev.cowscope.ui.WindowUiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Monitor tab on Monocle: a kernel fill trace opened as a log, and the same trace played as a live snapshot. */
class MonitorTabUiTest extends WindowUiTest {
    static final Path TRACES = Path.of("src/test/resources/fill-traces");

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @Test
    void opensARecordedLogWithNoCowOpen(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        waitUntil(() -> window.monitorView().getScene() != null && window.monitorView().isVisible());
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-monitor");
        assertThat(model.document()).isNull();
        MonitorViewModel m = window.monitorView().model();
        Platform.runLater(() -> m.openLog(TRACES.resolve("h3-bursty-P/fill-status.log")));
        waitUntil(() -> m.curveProperty().get().size() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#monitor-headline").queryAs(Label.class).getText()).contains("Invalid since 87.48 s", "last working sample 4040/4096 24 (98.63 %) at 87.38 s");
        assertThat(m.events()).contains("80 % full at 71.61 s", "Became Invalid at 87.48 s");
        assertThat(m.curveProperty().get().lostMicros()).isEqualTo(87_480_000);
        assertThat(robot.lookup("#monitor-source").queryAs(Label.class).getText()).contains("814 samples", "8 sectors");
        screenshot("monitor-log", stage.getScene().getRoot());

        // a file that is not a log: a dialog, not a crash
        Platform.runLater(() -> m.openLog(TRACES.resolve("no-such.log")));
        waitUntil(() -> !dialogs.isEmpty());
        assertThat(dialogs.get(0)).startsWith("Cannot read the status log").contains("no such file");
    }

    /** Plays a kernel trace as if polling the kernel, stopping at {@code stopAt} samples. */
    static final class Replay implements StatusSource, FillWatch.Clock {
        private final List<String> lines;
        private int next;
        private long now;

        Replay(Path log, int stopAt) throws IOException {
            lines = new ArrayList<>(Files.readAllLines(log).subList(0, stopAt));
            now = LogTime.parse(lines.get(0).split(" ", 2)[0]).micros();
        }

        @Override
        public StatusLine poll() throws IOException {
            if (next >= lines.size()) {
                throw new IOException("end of trace");
            }
            String[] l = lines.get(next++).split(" ", 2);
            now = LogTime.parse(l[0]).micros() + 1_800_000_000L * LogTime.MICROS_PER_SECOND; // as epoch time
            return dev.cowscope.monitor.StatusLog.statusOf("snap: " + l[1]);
        }

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void sleep(long micros) {
        }
    }

    @Test
    void liveWatchDrawsThePredictionAndNotifiesAndLinksTheStrategies(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        waitUntil(() -> window.monitorView().getScene() != null);
        MonitorViewModel m = window.monitorView().model();
        Path trace = TRACES.resolve("h6-slowdown-PO/fill-status.log");
        int stopAt = (int) Files.readAllLines(trace).stream().takeWhile(l -> !l.contains("2000/2048")).count();
        Replay replay = new Replay(trace, stopAt);
        List<MonitorViewModel.Notice> notices = new ArrayList<>();
        Platform.runLater(() -> m.noticeProperty().addListener((o, was, n) -> notices.add(n)));
        Thread t = new Thread(() -> {
            try {
                m.watch(replay, "snap (0 65536 snapshot 254:0 254:16 PO 8)", 8, 100_000, replay, () -> false);
            } catch (IOException endOfTrace) {
                // the replay ends as a device that is gone would
            }
        });
        t.start();
        t.join(30_000);
        WaitForAsyncUtils.waitForFxEvents();
        FillCurve c = m.curveProperty().get();
        assertThat(c.size()).isEqualTo(stopAt);
        assertThat(c.predictedLossMicros()).isGreaterThan(c.nowMicros());
        assertThat(m.headlineProperty().get()).contains("lost in", "room for");
        assertThat(notices).extracting(MonitorViewModel.Notice::title)
                .contains("Snapshot 50 % full", "Snapshot 80 % full", "Snapshot 95 % full");
        assertThat(notices).anySatisfy(n -> assertThat(n.title()).startsWith("Snapshot lost in"));
        assertThat(m.strategyHintProperty().get()).contains("keep the old data in the snapshot");
        screenshot("monitor-live", stage.getScene().getRoot());

        // the notifications pop up over the window's bottom right corner, where the link is: fire it
        robot.interact(() -> robot.lookup("#monitor-compare").queryAs(javafx.scene.control.Hyperlink.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-merge");
        assertThat(window.mergeView().model().strategy().cowSizeProperty().get()).isEqualTo("2048s");
        assertThat(window.mergeView().model().strategy().chunkSizeProperty().get()).isEqualTo("8s");
    }
}
