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
 */
public record InspectorTab(String id, String title, Node content, KeyCombination shortcut) {
}
