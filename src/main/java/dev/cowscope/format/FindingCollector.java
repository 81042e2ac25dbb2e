package dev.cowscope.format;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects findings, listing at most a few of each kind and summarising the rest in one line.
 * Past that limit a finding is only counted: its location and message are never built (a store
 * can hold millions of entries with the same fault).
 */
public final class FindingCollector {
    private static final FindingKind[] KINDS = FindingKind.values();
    private final int maxPerKind;
    private final List<Finding> listed = new ArrayList<>();
    private final long[] counts = new long[KINDS.length];

    public FindingCollector(int maxPerKind) {
        this.maxPerKind = maxPerKind;
    }

    public void add(FindingKind kind, Location location, String message) {
        add(kind, () -> location, () -> message);
    }

    /** Adds a finding listed first whatever the limit (the one reason a parse failed, say), and counted. */
    public void addFirst(FindingKind kind, Location location, String message) {
        counts[kind.ordinal()]++;
        listed.add(0, Finding.of(kind, location, message));
    }

    /** Adds a finding whose location and message are built only if it is listed. */
    public void add(FindingKind kind, Supplier<Location> location, Supplier<String> message) {
        if (++counts[kind.ordinal()] <= maxPerKind) {
            listed.add(Finding.of(kind, location.get(), message.get()));
        }
    }

    /** The listed findings, then a line for each kind with more than the limit; unmodifiable. */
    public List<Finding> result() {
        List<Finding> all = new ArrayList<>(listed);
        for (FindingKind kind : KINDS) {
            long count = counts[kind.ordinal()];
            if (count > maxPerKind) {
                all.add(Finding.of(kind, Location.DEVICE,
                        (count - maxPerKind) + " more " + kind + " findings not listed (" + count + " in all)"));
            }
        }
        return List.copyOf(all);
    }
}
