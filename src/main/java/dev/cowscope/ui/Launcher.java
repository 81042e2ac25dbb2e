package dev.cowscope.ui;

import dev.cowscope.cli.Cli;
import javafx.application.Application;

/**
 * The jar's main class (not an {@code Application}, so a plain classpath launch finds JavaFX):
 * no arguments or {@code gui [FILE]} open the window; anything else is the command line.
 */
public final class Launcher {
    private Launcher() {
        throw new AssertionError("no instances");
    }

    public static void main(String[] args) {
        if (isGui(args)) {
            String[] fxArgs = args.length >= 2 ? new String[] {args[1]} : new String[0];
            Application.launch(CowScopeApp.class, fxArgs);
            return;
        }
        System.exit(Cli.execute(args));
    }

    /** True for no arguments, {@code gui} or {@code gui FILE}. */
    static boolean isGui(String[] args) {
        return args.length == 0 || (args[0].equals("gui") && args.length <= 2);
    }
}
