package dev.cowscope.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether the desktop prefers dark. JavaFX 17 cannot tell, so ask GNOME's settings (also what
 * most GTK desktops keep): {@code org.gnome.desktop.interface color-scheme} ({@code
 * 'prefer-dark'}), else a GTK theme whose name ends in "dark", else the {@code GTK_THEME}
 * variable ({@code Adwaita:dark}). Anything missing, slow or unreadable means light.
 */
public final class DesktopColorScheme {
    static final long TIMEOUT_MS = 1500;

    private DesktopColorScheme() {
        throw new AssertionError("no instances");
    }

    /** The decision from what the three sources said (each may be null). */
    static Theme decide(String colorScheme, String gtkTheme, String gtkThemeVariable) {
        String scheme = unquote(colorScheme);
        if (scheme.equals("prefer-dark")) {
            return Theme.DARK;
        }
        if (scheme.equals("prefer-light")) {
            return Theme.LIGHT;
        }
        if (isDarkName(unquote(gtkTheme)) || isDarkName(gtkThemeVariable == null ? "" : gtkThemeVariable.trim())) {
            return Theme.DARK;
        }
        return Theme.LIGHT;
    }

    /** Asks the desktop now (at most about {@link #TIMEOUT_MS} per question). */
    public static Theme detect() {
        return detect(DesktopColorScheme::gsettings, System.getenv("GTK_THEME"));
    }

    static Theme detect(Function<List<String>, Optional<String>> run, String gtkThemeVariable) {
        String scheme = run.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).orElse(null);
        String gtk = unquote(scheme).equals("prefer-dark") || unquote(scheme).equals("prefer-light") ? null
                : run.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")).orElse(null);
        return decide(scheme, gtk, gtkThemeVariable);
    }

    /**
     * Starts asking in the background (the process start costs tens of ms; the window is
     * built meanwhile) and returns what waits for the answer, light after the timeout.
     */
    public static Supplier<Theme> detectInBackground() {
        CompletableFuture<Theme> answer = CompletableFuture.supplyAsync(DesktopColorScheme::detect, runnable -> {
            Thread thread = new Thread(runnable, "desktop-color-scheme");
            thread.setDaemon(true);
            thread.start();
        });
        return () -> {
            try {
                return answer.get(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Theme.LIGHT;
            } catch (ExecutionException | TimeoutException e) {
                return Theme.LIGHT;
            }
        };
    }

    private static boolean isDarkName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("-dark") || lower.endsWith(":dark") || lower.endsWith("_dark") || lower.equals("dark");
    }

    private static String unquote(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v.trim();
    }

    /** Runs gsettings; empty when it is missing, fails, or takes too long. */
    private static Optional<String> gsettings(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
