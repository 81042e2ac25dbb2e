package dev.cowscope.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** What every headless UI test needs: waiting for a condition on the FX thread, and screenshots. */
public final class UiTestSupport {
    /** Every view's screenshot lands here, to be looked at. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private UiTestSupport() {
    }

    /**
     * The README's screenshot size: 1280x800 at the top left of the larger headless screen (pom:
     * headless.geometry=1600x1200). Monocle's Framebuffer.composePixels throws for a window whose top edge is exactly
     * the screen's bottom edge, and ControlsFX notifications (Monitor tab) start at the owner window's bottom edge.
     */
    public static void placeAtScreenshotSize(javafx.stage.Stage stage) {
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    /** Waits (up to 20 s) until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            AtomicReference<Boolean> result = new AtomicReference<>(false);
            WaitForAsyncUtils.asyncFx(() -> {
                try {
                    result.set(condition.call());
                } catch (Exception e) {
                    result.set(false);
                }
            }).get();
            return result.get();
        });
    }

    /** Saves {@code node} (the whole scene when it is the root) as {@code target/screenshots/<name>.png}. */
    public static void screenshot(String name, Node node) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = node.getScene();
            image.set(node == scene.getRoot() ? scene.snapshot(null) : node.snapshot(null, null));
        }).get();
        BufferedImage buffered = SwingFXUtils.fromFXImage(image.get(), null);
        ImageIO.write(buffered, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    }
}
