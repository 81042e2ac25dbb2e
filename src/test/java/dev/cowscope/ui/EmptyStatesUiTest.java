package dev.cowscope.ui;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the views say with no COW open: a hint to open one, not an empty map that reads "0 chunks". */
class EmptyStatesUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @Test
    void chunkMapWithoutACowSaysHowToOpenOne(FxRobot robot) throws Exception {
        // start page → a planning tool → its neighbour, the chunk map tab
        view(robot, "Plan size");
        robot.clickOn("Chunk map");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("tab-chunk-map");
        Label hint = robot.lookup("#chunk-map-empty").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getScene()).isNotNull();
        assertThat(robot.lookup("#inspector").query().isVisible()).isTrue();
        assertThat(hint.getText()).contains("Open one");
        assertThat(robot.lookup("#chunk-map-canvas").query().isVisible()).isFalse();
        screenshot("chunk-map-no-cow", stage.getScene().getRoot());

        Platform.runLater(() -> model.open(Fixtures.scenario("b3-257").resolve("cow-after.img.gz")));
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hint.isVisible()).isFalse();
        assertThat(robot.lookup("#chunk-map-canvas").query().isVisible()).isTrue();
        assertThat(dialogs).isEmpty();
    }

    private static void view(FxRobot robot, String title) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().stream().filter(m -> m.getText().equals("_View")).findFirst().orElseThrow()
                .getItems().stream().filter(i -> title.equals(i.getText())).findFirst().orElseThrow();
        Platform.runLater(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
