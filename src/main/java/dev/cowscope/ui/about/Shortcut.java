package dev.cowscope.ui.about;

/** One accelerator of the menus: its top menu ("File"), the item ("Export ▸ Report JSON…"), the keys as shown. */
public record Shortcut(String menu, String item, String keys) {
}
