package dev.cowscope.ui.theme;

import dev.cowscope.ui.common.AppPreferences;
import java.net.URL;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Window;

/**
 * The theme: what the user picked (remembered in the preferences), what the desktop prefers,
 * and the stylesheet that follows from both, applied to the window and to every dialog it opens.
 */
public final class ThemeSettings {
    private final AppPreferences preferences;
    private final Supplier<Theme> desktop;
    private final ObjectProperty<ThemeChoice> choice = new SimpleObjectProperty<>(this, "choice", ThemeChoice.SYSTEM);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.LIGHT);
    private Theme desktopTheme;
    // held here so the weak listener on Window.getWindows() lives as long as these settings
    private final ListChangeListener<Window> newWindows = change -> {
        while (change.next()) {
            for (Window window : change.getAddedSubList()) {
                if (window.getScene() != null) {
                    applyTo(window.getScene());
                }
            }
        }
    };

    /** {@code desktop} is asked once, the first time the choice is System. */
    public ThemeSettings(AppPreferences preferences, Supplier<Theme> desktop) {
        this.preferences = preferences;
        this.desktop = desktop;
        choice.set(ThemeChoice.parse(preferences.theme(ThemeChoice.SYSTEM.name())));
        // System is resolved on first use (attach), so the desktop is asked while the window is built
        if (choice.get() != ThemeChoice.SYSTEM) {
            theme.set(resolve(choice.get()));
        }
        choice.addListener((obs, was, now) -> {
            preferences.saveTheme(now.name());
            theme.set(resolve(now));
        });
    }

    /** The user's pick: Light, Dark or System. */
    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    /** The theme worn now. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        settle();
        return theme.get();
    }

    /** Keeps {@code scene} and every window shown later (dialogs, alerts) in the current theme. */
    public void attach(Scene scene) {
        settle();
        apply(scene.getStylesheets());
        theme.addListener((obs, was, now) -> {
            applyTo(scene);
            for (Window window : Window.getWindows()) {
                if (window.getScene() != null && window.getScene() != scene) {
                    applyTo(window.getScene());
                }
            }
        });
        Window.getWindows().addListener(new WeakListChangeListener<>(newWindows));
    }

    /** For a dialog built before it is shown. */
    public void style(DialogPane pane) {
        settle();
        apply(pane.getStylesheets());
    }

    /** View ▸ Theme: Light, Dark, System as radio items bound to the choice. */
    public Menu menu() {
        Menu menu = new Menu("Theme");
        menu.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (ThemeChoice c : ThemeChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(c.label());
            item.setId("theme-" + c.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(choice.get() == c);
            item.setOnAction(e -> choice.set(c));
            menu.getItems().add(item);
        }
        choice.addListener((obs, was, now) -> group.getToggles().forEach(t ->
                t.setSelected(((RadioMenuItem) t).getId().equals("theme-" + now.name().toLowerCase(java.util.Locale.ROOT)))));
        return menu;
    }

    /** The overlay stylesheet URLs of every theme (to remove the old before adding the new). */
    static List<String> overlays() {
        return java.util.Arrays.stream(Theme.values()).map(Theme::overlayResource).filter(java.util.Objects::nonNull)
                .map(ThemeSettings::external).toList();
    }

    /** The overlay on the scene; none left on its root (where {@link #style} puts it before there is a scene). */
    private void applyTo(Scene scene) {
        apply(scene.getStylesheets());
        if (scene.getRoot() != null) {
            scene.getRoot().getStylesheets().removeIf(overlays()::contains);
        }
    }

    private void apply(ObservableList<String> stylesheets) {
        List<String> all = overlays();
        stylesheets.removeIf(all::contains);
        String overlay = theme.get().overlayResource();
        if (overlay != null) {
            stylesheets.add(external(overlay));
        }
    }

    private void settle() {
        if (choice.get() == ThemeChoice.SYSTEM && desktopTheme == null) {
            theme.set(resolve(ThemeChoice.SYSTEM));
        }
    }

    private Theme resolve(ThemeChoice picked) {
        if (picked != ThemeChoice.SYSTEM) {
            return picked.resolve(Theme.LIGHT);
        }
        if (desktopTheme == null) {
            desktopTheme = desktop.get();
        }
        return picked.resolve(desktopTheme);
    }

    private static String external(String resource) {
        URL url = ThemeSettings.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + resource);
        }
        return url.toExternalForm();
    }
}
