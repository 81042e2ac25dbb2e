package dev.cowscope.format;

/** How much a finding matters; {@code --fail-on} compares against this order. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
