package dev.cowscope.ui.desktop;

import dev.cowscope.ui.common.AfterFrames;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Measures startup for the record: with {@code -Dcowscope.startupReport=FILE} it writes the
 * milliseconds from JVM start (and from process start, which for the packaged launcher includes
 * the launcher itself) to the window shown and to its first frame; with
 * {@code -Dcowscope.exitAfterShown=true} the application then quits (also used to train the
 * class-data-sharing archive of the package). Does nothing without those properties.
 */
public final class StartupProbe {
    public static final String REPORT_PROPERTY = "cowscope.startupReport";
    public static final String EXIT_PROPERTY = "cowscope.exitAfterShown";

    /** When {@code Application.start} began: splits the toolkit's start-up from the window's. */
    private static long applicationStarted;

    private StartupProbe() {
        throw new AssertionError("no instances");
    }

    /** Call first thing in {@code Application.start}. */
    public static void applicationStarted() {
        applicationStarted = System.currentTimeMillis();
    }

    /** Call before {@code stage.show()}. */
    public static void install(Stage stage) {
        String report = System.getProperty(REPORT_PROPERTY);
        boolean exit = Boolean.getBoolean(EXIT_PROPERTY);
        if ((report == null || report.isBlank()) && !exit) {
            return;
        }
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new javafx.event.EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                long shown = System.currentTimeMillis();
                // the second pulse after "shown": the first frame has been rendered
                AfterFrames.run(2, () -> {
                    long painted = System.currentTimeMillis();
                    if (report != null && !report.isBlank()) {
                        write(Path.of(report), format(jvmStart(), applicationStarted, shown, painted));
                    }
                    if (exit) {
                        Platform.exit();
                    }
                });
            }
        });
    }

    /**
     * The report: one {@code key=value} line each, milliseconds. The first frame's wall-clock time
     * lets the caller measure from its own launch: the process start time Java reports is derived
     * from the boot time in whole seconds, too coarse to subtract.
     */
    static String format(long jvmStart, long applicationStarted, long shown, long painted) {
        StringBuilder out = new StringBuilder();
        if (applicationStarted > 0) {
            out.append("jvm_start_to_application_start_ms=").append(applicationStarted - jvmStart).append('\n');
        }
        out.append("jvm_start_to_shown_ms=").append(shown - jvmStart).append('\n');
        out.append("jvm_start_to_first_frame_ms=").append(painted - jvmStart).append('\n');
        out.append("first_frame_epoch_ms=").append(painted).append('\n');
        return out.toString();
    }

    private static long jvmStart() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a measurement aid: nothing to tell the user
        }
    }
}
