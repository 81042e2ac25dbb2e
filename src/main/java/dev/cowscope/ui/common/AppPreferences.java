package dev.cowscope.ui.common;

import dev.cowscope.nativeio.LibC;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs (java.util.prefs): recent files, its geometry, the
 * last directory of a file chooser and the theme.
 * Tests pass their own node so they never touch the user's.
 */
public final class AppPreferences {
    public static final int MAX_RECENT = 8;
    private static final String RECENT_KEY = "recent.";
    /** Writes wait this long, so that the first one (~100 ms of CPU) does not compete with an open's first frames. */
    private static final long FLUSH_DELAY_MILLIS = 2000;
    private static final ScheduledExecutorService WRITER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(() -> {
            LibC.lowerCurrentThreadPriority(10);
            runnable.run();
        }, "cowscope-preferences");
        thread.setDaemon(true);
        return thread;
    });
    private final Preferences node;
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's node for the application. */
    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("dev/cowscope/ui"));
    }

    public List<Path> recentFiles() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String value = node.get(RECENT_KEY + i, null);
            if (value != null && !value.isBlank()) {
                files.add(Path.of(value));
            }
        }
        return files;
    }

    /** Puts {@code file} first, drops duplicates, keeps {@link #MAX_RECENT}. */
    public List<Path> addRecentFile(Path file) {
        List<Path> files = new ArrayList<>(recentFiles());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        while (files.size() > MAX_RECENT) {
            files.remove(files.size() - 1);
        }
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < files.size()) {
                node.put(RECENT_KEY + i, files.get(i).toString());
            } else {
                node.remove(RECENT_KEY + i);
            }
        }
        flushSoon();
        return files;
    }

    /** Forgets every recent file. */
    public void clearRecentFiles() {
        for (int i = 0; i < MAX_RECENT; i++) {
            node.remove(RECENT_KEY + i);
        }
        flushSoon();
    }

    /** The directory the last file chooser ended in, if any was recorded. */
    public Optional<Path> lastDirectory() {
        String value = node.get("chooser.directory", null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    public void saveLastDirectory(Path directory) {
        node.put("chooser.directory", directory.toAbsolutePath().normalize().toString());
        flushSoon();
    }

    /** The theme the user picked ("LIGHT", "DARK", "SYSTEM"), or {@code fallback}. */
    public String theme(String fallback) {
        return node.get("theme", fallback);
    }

    public void saveTheme(String theme) {
        node.put("theme", theme);
        flushSoon();
    }

    public WindowGeometry windowGeometry() {
        return new WindowGeometry(node.getDouble("window.x", Double.NaN), node.getDouble("window.y", Double.NaN),
                node.getDouble("window.width", WindowGeometry.DEFAULT_WIDTH),
                node.getDouble("window.height", WindowGeometry.DEFAULT_HEIGHT),
                node.getBoolean("window.maximized", false));
    }

    public void saveWindowGeometry(WindowGeometry geometry) {
        node.putDouble("window.x", geometry.x());
        node.putDouble("window.y", geometry.y());
        node.putDouble("window.width", geometry.width());
        node.putDouble("window.height", geometry.height());
        node.putBoolean("window.maximized", geometry.maximized());
        flush();
    }

    /**
     * Writes the node out a little later on a background thread, at a low priority:
     * java.util.prefs writes XML through XSLT, whose first use loads classes and charsets for
     * ~100 ms, and it fsyncs; neither the FX thread (adding a recent file as a COW opens) nor the
     * render thread painting the opened image must wait for that. Flushes queued together run once;
     * the window geometry is written synchronously at quit, and that flush writes the rest too.
     */
    private void flushSoon() {
        if (flushQueued.compareAndSet(false, true)) {
            WRITER.schedule(() -> {
                flushQueued.set(false);
                flush();
            }, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Synchronous: for the window geometry, saved as the window closes and the JVM may end. */
    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience; the next run simply starts without them
        }
    }

    /** Whether a window size was saved by an earlier run. */
    public boolean hasWindowGeometry() {
        return node.get("window.width", null) != null;
    }

    /** Window position and size; NaN position means "let the platform place it". */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
        public static final double DEFAULT_WIDTH = 1280;
        public static final double DEFAULT_HEIGHT = 800;
        public static final double MIN_WIDTH = 900;
        public static final double MIN_HEIGHT = 600;
        /** A first window leaves room for panels and decorations. */
        public static final double FIRST_SCREEN_SHARE = 0.9;

        /**
         * The size to open with on a screen whose usable area is {@code screenWidth × screenHeight}:
         * a remembered size as far as it fits, a first one at most {@link #FIRST_SCREEN_SHARE} of it.
         */
        public WindowGeometry fittedTo(double screenWidth, double screenHeight, boolean remembered) {
            double share = remembered ? 1 : FIRST_SCREEN_SHARE;
            double w = Math.min(width, Math.floor(screenWidth * share));
            double h = Math.min(height, Math.floor(screenHeight * share));
            return new WindowGeometry(x, y, w, h, maximized);
        }
    }
}
