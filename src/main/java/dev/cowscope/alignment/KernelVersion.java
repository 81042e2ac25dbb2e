package dev.cowscope.alignment;

import java.util.Locale;

/**
 * Which kernel's behaviour to predict (spec §3.8 and the 6.1 fixtures).
 *
 * <ul>
 *   <li>{@link #V5_3}: {@code blk_stack_limits} without limit validation; every table message DMWARN;
 *       {@code dm_table_add_target} errors without the error code.</li>
 *   <li>{@link #V6_1}: as V5_3 for limits (no {@code blk_validate_limits}), but
 *       {@code dm_table_add_target} errors end in {@code (%pe)}, e.g. {@code (-EBUSY)}. Seen in the
 *       kernel fixtures (6.1.0).</li>
 *   <li>{@link #NEW} (~6.16): rejections are DMERR; bottom {@code io_opt} is already rounded down to
 *       the physical block size; {@code queue_limits_commit_update} masks a non-zero alignment offset
 *       to {@code pbs-1} and clears the misaligned flag.</li>
 * </ul>
 */
public enum KernelVersion {
    V5_3("v5.3"), V6_1("v6.1"), NEW("new");

    private final String label;

    KernelVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** DMERR (true) or DMWARN for {@code device_area_is_invalid} and {@code validate_hardware_logical_block_alignment}. */
    boolean rejectionsAreErrors() {
        return this == NEW;
    }

    /** {@code dm_table_add_target} prints {@code (%pe)} after the target's error. */
    boolean printsErrorCode() {
        return this != V5_3;
    }

    /** {@code dm_table_add_target} refuses a table ending past {@code LLONG_MAX >> SECTOR_SHIFT} ("too large device"). */
    boolean limitsTableSize() {
        return this == NEW;
    }

    /** {@code blk_validate_limits} has run on every queue (io_opt rounding, offset masking). */
    boolean validatesLimits() {
        return this == NEW;
    }

    /** Parses {@code v5.3}, {@code 5.3}, {@code v6.1}, {@code new}. */
    public static KernelVersion parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        return switch (t) {
            case "5.3", "5_3" -> V5_3;
            case "6.1", "6_1" -> V6_1;
            case "new" -> NEW;
            default -> throw new IllegalArgumentException("unknown kernel '" + text + "' (use v5.3, v6.1 or new)");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
