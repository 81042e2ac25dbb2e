package dev.cowscope.ui;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A file on the command line is opened after the window's first frame, not before it is drawn. */
class StartupOpenUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @Test
    void theFileGivenAtStartOpensOnceTheWindowIsOnScreen(FxRobot robot) throws Exception {
        Path cow = Fixtures.scenario("b3-257").resolve("cow-after.img.gz");
        AtomicReference<String> statusRightAfter = new AtomicReference<>();
        AtomicBoolean startedRightAway = new AtomicBoolean();
        WaitForAsyncUtils.asyncFx(() -> {
            CowScopeApp.openOnceShown(model, cow);
            // the status says what is coming, but nothing has started: the window draws its frame first
            statusRightAfter.set(model.statusProperty().get());
            startedRightAway.set(model.busyProperty().get() || model.document() != null);
        }).get();
        assertThat(stage.isShowing()).isTrue();
        assertThat(statusRightAfter.get()).isEqualTo("Opening cow-after.img.gz…");
        assertThat(startedRightAway).isFalse();
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.document().path()).isEqualTo(cow);
        screenshot("startup-opened", stage.getScene().getRoot());
        assertThat(dialogs).isEmpty();
    }
}
