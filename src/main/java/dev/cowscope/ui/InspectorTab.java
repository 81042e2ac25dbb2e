package dev.cowscope.ui;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One tab of the main window: later views (Plan size, Alignment, Merge) are added as further
 * {@code InspectorTab}s in {@link MainWindow#tabs()}; the View menu and its shortcut follow.
 * The view is built when first asked for (the tab shown, or a caller wanting it), so a window
 * that starts on its start page loads no classes and styles no controls of tabs not yet seen.
 */
public final class InspectorTab {
    private final String id;
    private final String title;
    private final Supplier<? extends Node> factory;
    private final KeyCombination shortcut;
    private final boolean needsDocument;
    private Node content;

    /**
     * @param id stable id (node id, "go to" requests, tests)
     * @param title tab text
     * @param factory builds the view, once
     * @param shortcut View-menu accelerator, or null
     * @param needsDocument false for the planning tools, which work with no COW image open: asking
     *                      for them shows the tabs instead of the start page, and the start page lists them
     */
    public InspectorTab(String id, String title, Supplier<? extends Node> factory, KeyCombination shortcut, boolean needsDocument) {
        this.id = id;
        this.title = title;
        this.factory = factory;
        this.shortcut = shortcut;
        this.needsDocument = needsDocument;
    }

    /** A tab about the open image. */
    public InspectorTab(String id, String title, Supplier<? extends Node> factory, KeyCombination shortcut) {
        this(id, title, factory, shortcut, true);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public KeyCombination shortcut() {
        return shortcut;
    }

    public boolean needsDocument() {
        return needsDocument;
    }

    /** The view, built on the first call (on the FX thread). */
    public Node content() {
        if (content == null) {
            content = factory.get();
        }
        return content;
    }
}
