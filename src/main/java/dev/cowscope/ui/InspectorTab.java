package dev.cowscope.ui;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One tab of the main window: later views (Plan size, Alignment, Merge) are added as further
 * {@code InspectorTab}s in {@link MainWindow#tabs()}; the View menu and its shortcut follow.
 *
 * @param id stable id (node id, "go to" requests, tests)
 * @param title tab text
 * @param content the view
 * @param shortcut View-menu accelerator, or null
 * @param needsDocument false for the planning tools, which work with no COW image open: asking for
 *                      them shows the tabs instead of the start page, and the start page lists them
 */
public record InspectorTab(String id, String title, Node content, KeyCombination shortcut, boolean needsDocument) {
    /** A tab about the open image. */
    public InspectorTab(String id, String title, Node content, KeyCombination shortcut) {
        this(id, title, content, shortcut, true);
    }
}
