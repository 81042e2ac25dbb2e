package dev.cowscope.ui.about;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/** Every accelerator in a menu bar, read from the items themselves (so the list cannot go stale). */
public final class Shortcuts {
    private Shortcuts() {
        throw new AssertionError("no instances");
    }

    /** In menu order, submenus included (their items named "Export ▸ Report JSON…"). */
    public static List<Shortcut> of(MenuBar bar) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            collect(plain(menu.getText()), "", menu, out);
        }
        return out;
    }

    private static void collect(String top, String prefix, Menu menu, List<Shortcut> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                collect(top, prefix + plain(sub.getText()) + " ▸ ", sub, out);
            } else if (item.getAccelerator() != null) {
                out.add(new Shortcut(top, prefix + plain(item.getText()), item.getAccelerator().getDisplayText()));
            }
        }
    }

    /** The text without its mnemonic marker ("_File" → "File"). */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("_(?=\\S)", "").replace("__", "_");
    }
}
