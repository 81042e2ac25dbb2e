package dev.cowscope.ui.map;

/** What a chunk of the COW device holds, as the chunk map colours it. */
public enum CowChunkRole {
    HEADER("Header", 0xFF5B6770),
    METADATA("Metadata (exception areas)", 0xFF3C7DD9),
    DATA("Data in use", 0xFF2EA36B),
    FREE("Free", 0xFFE3E6E8),
    SUSPECT("Suspect (see findings)", 0xFFD93B30);

    private final String label;
    private final int argb;

    CowChunkRole(String label, int argb) {
        this.label = label;
        this.argb = argb;
    }

    public String label() {
        return label;
    }

    public int argb() {
        return argb;
    }

    /** CSS colour, e.g. {@code #2ea36b}. */
    public String web() {
        return String.format("#%06x", argb & 0xFFFFFF);
    }

    public static CowChunkRole of(int ordinal) {
        return values()[ordinal];
    }

    public static ChunkPalette palette() {
        CowChunkRole[] roles = values();
        int[] argb = new int[roles.length];
        for (CowChunkRole role : roles) {
            argb[role.ordinal()] = role.argb;
        }
        return new ChunkPalette(argb, SUSPECT.ordinal());
    }
}
