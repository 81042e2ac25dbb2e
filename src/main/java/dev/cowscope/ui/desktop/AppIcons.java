package dev.cowscope.ui.desktop;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The application icon at every size the build copies from {@code icons/} (see the pom's
 * {@code copy-icons}); the window manager picks the size it needs.
 */
public final class AppIcons {
    /** Sizes in pixels, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    private static final String FOLDER = "/dev/cowscope/ui/icons/";

    private AppIcons() {
        throw new AssertionError("no instances");
    }

    /** The icons for {@code Stage.getIcons()}; empty when run from a build that did not copy them. */
    public static List<Image> all() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            URL url = url(size);
            if (url != null) {
                icons.add(new Image(url.toExternalForm()));
            }
        }
        return icons;
    }

    /** One size, for the About dialog; null when missing. */
    public static Image of(int size) {
        URL url = url(size);
        return url == null ? null : new Image(url.toExternalForm());
    }

    private static URL url(int size) {
        return AppIcons.class.getResource(FOLDER + "cowscope-" + size + ".png");
    }
}
