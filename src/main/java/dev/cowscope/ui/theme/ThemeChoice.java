package dev.cowscope.ui.theme;

/** What the user picked in View ▸ Theme; {@link #SYSTEM} follows the desktop. */
public enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark"),
    SYSTEM("System");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The choice stored in the preferences, or SYSTEM for anything unknown. */
    public static ThemeChoice parse(String stored) {
        for (ThemeChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(stored)) {
                return choice;
            }
        }
        return SYSTEM;
    }

    /** The theme to wear given what the desktop prefers. */
    public Theme resolve(Theme desktop) {
        return switch (this) {
            case LIGHT -> Theme.LIGHT;
            case DARK -> Theme.DARK;
            case SYSTEM -> desktop;
        };
    }
}
