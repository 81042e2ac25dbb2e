package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidOpType;
import dev.cowscope.ui.map.ChunkPalette;

/** What a block of the target partition reads from, as the block map colours it. */
public enum AndroidBlockRole {
    UNTOUCHED("Untouched (read from the source)", 0xFFE3E6E8, 0),
    COPY("COPY (another source block)", 0xFF3C7DD9, AndroidOpType.COPY),
    REPLACE("REPLACE (new data in the COW)", 0xFF2EA36B, AndroidOpType.REPLACE),
    ZERO("ZERO", 0xFF9AA5AD, AndroidOpType.ZERO),
    XOR("XOR (COW data over source bytes)", 0xFFD9822B, AndroidOpType.XOR),
    UNKNOWN("Unknown op type (AOSP's read of it fails)", 0xFFD93B30, -1);

    private final String label;
    private final int argb;
    private final int opType;

    AndroidBlockRole(String label, int argb, int opType) {
        this.label = label;
        this.argb = argb;
        this.opType = opType;
    }

    public String label() {
        return label;
    }

    public int argb() {
        return argb;
    }

    /** The role of a block an op of {@code type} holds: its type's, or UNKNOWN for a type AOSP cannot read. */
    static AndroidBlockRole ofOpType(int type) {
        for (AndroidBlockRole role : values()) {
            if (role.opType == type && type > 0) {
                return role;
            }
        }
        return UNKNOWN;
    }

    static ChunkPalette palette() {
        int[] argb = new int[values().length];
        for (AndroidBlockRole role : values()) {
            argb[role.ordinal()] = role.argb;
        }
        return new ChunkPalette(argb, UNKNOWN.ordinal()); // a block whose read fails shows at any zoom
    }
}
