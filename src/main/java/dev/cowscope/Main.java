package dev.cowscope;

import dev.cowscope.cli.Cli;
import dev.cowscope.ui.CowScopeApp;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * The jar's main class, the only class that knows both faces (neither imports the other): no
 * arguments or {@code gui [FILE]} open the window, anything else is the command line. Not an
 * {@code Application}, so a plain classpath launch finds JavaFX, and a CLI verb never loads it.
 */
public final class Main {
    /**
     * JavaFX's own logger (com.sun.javafx.logging), held so the level set on it stays (loggers are
     * only weakly kept). Set on the window's path only: java.util.logging costs a CLI verb ~60 ms.
     */
    private static Logger javafxStartupLog;

    private Main() {
        throw new AssertionError("no instances");
    }

    public static void main(String[] args) {
        if (isGui(args)) {
            String[] fxArgs = args.length >= 2 ? new String[] {args[1]} : new String[0];
            if (noDisplay()) {
                System.exit(Cli.noWindow("no display (DISPLAY and WAYLAND_DISPLAY are not set)"));
            }
            // JavaFX warns "Unsupported JavaFX configuration" on every launch from a class path (our
            // jar); it says nothing a user can act on, so only its errors reach stderr
            javafxStartupLog = Logger.getLogger("javafx");
            javafxStartupLog.setLevel(Level.SEVERE);
            try {
                Application.launch(CowScopeApp.class, fxArgs);
            } catch (UnsupportedOperationException | IllegalStateException e) {
                System.exit(Cli.noWindow(String.valueOf(e.getMessage()))); // "Unable to open DISPLAY"
            }
            return;
        }
        System.exit(Cli.execute(args));
    }

    /** No X11 or Wayland session to open a window in (headless test runs set their own platform). */
    static boolean noDisplay() {
        return System.getProperty("glass.platform") == null && isBlank(System.getenv("DISPLAY"))
                && isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** True for no arguments, {@code gui} or {@code gui FILE}. */
    static boolean isGui(String[] args) {
        return args.length == 0 || (args[0].equals("gui") && args.length <= 2);
    }
}
