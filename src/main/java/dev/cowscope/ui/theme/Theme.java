package dev.cowscope.ui.theme;

/** A theme the window can wear: the light one is the base stylesheet, the dark one adds to it. */
public enum Theme {
    LIGHT(null),
    DARK("/dev/cowscope/ui/theme/cowscope-dark.css");

    private final String overlay;

    Theme(String overlay) {
        this.overlay = overlay;
    }

    /** The stylesheet added on top of {@code cowscope.css}, or null. */
    public String overlayResource() {
        return overlay;
    }
}
