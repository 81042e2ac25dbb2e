package dev.cowscope.alignment;

/**
 * One thing a line does wrong (or worth knowing).
 *
 * @param severity {@link Verdict#OK} for a note, {@link Verdict#WARN}, {@link Verdict#REJECT}
 * @param rule     the kernel check, e.g. {@code device_area_is_invalid}
 * @param reason   what is wrong, with numbers
 * @param hint     what a person can do about it
 */
public record Finding(Verdict severity, String rule, String reason, String hint) {
}
