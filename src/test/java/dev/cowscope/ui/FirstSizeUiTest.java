package dev.cowscope.ui;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import dev.cowscope.ui.common.AppPreferences.WindowGeometry;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as it first opens (no remembered size), with an overflowed COW whose state is long. */
class FirstSizeUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindowAtFirstSize(stage);
    }

    @Test
    void firstSizeFitsTheScreenAndNeitherBadgeNorStatusIsCut(FxRobot robot) throws Exception {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(stage.getWidth()).isLessThanOrEqualTo(Math.floor(screen.getWidth() * WindowGeometry.FIRST_SCREEN_SHARE));
        assertThat(stage.getHeight()).isLessThanOrEqualTo(Math.floor(screen.getHeight() * WindowGeometry.FIRST_SCREEN_SHARE));

        // an overflowed PO store: the longest badge and status of the kernel fixtures
        Path overflowed = Fixtures.scenario("e2-overflow-PO").resolve("cow-after.img.gz");
        Platform.runLater(() -> model.open(overflowed));
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Label badge = robot.lookup("#state-badge").queryAs(Label.class);
        Label status = robot.lookup("#status-line").queryAs(Label.class);
        for (Label l : new Label[] {badge, status}) {
            assertThat(l.getWidth()).as(l.getText()).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
        }
        // the tooltip explains this state, not every state
        Tooltip tip = badge.getTooltip();
        assertThat(tip.getText()).isNotEmpty().doesNotContain("VALID:").doesNotContain("INVALID:");
        screenshot("first-size-overflowed", stage.getScene().getRoot());
        screenshot("first-size-summary", robot.lookup("#summary").query());

        // the size is remembered: closing saves it, the next run opens with it
        Platform.runLater(() -> stage.setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(stage::hide);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(preferences.hasWindowGeometry()).isTrue();
        WindowGeometry saved = preferences.windowGeometry();
        assertThat(saved.width()).isEqualTo(1000);
        assertThat(saved.fittedTo(screen.getWidth(), screen.getHeight(), true).width()).isEqualTo(1000);
        assertThat(dialogs).isEmpty();
    }

    @Test
    void aRememberedSizeIsKeptAsFarAsTheScreenAllows() {
        WindowGeometry first = new WindowGeometry(Double.NaN, Double.NaN, 1280, 800, false);
        assertThat(first.fittedTo(1920, 1050, false)).isEqualTo(first);
        WindowGeometry small = first.fittedTo(1280, 770, false);
        assertThat(small.width()).isEqualTo(1152);
        assertThat(small.height()).isEqualTo(693);
        WindowGeometry big = new WindowGeometry(10, 10, 1900, 1000, false);
        assertThat(big.fittedTo(1280, 770, true).width()).isEqualTo(1280);
        assertThat(big.fittedTo(1280, 770, true).height()).isEqualTo(770);
    }
}
