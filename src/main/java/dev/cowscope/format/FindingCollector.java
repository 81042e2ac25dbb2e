package dev.cowscope.format;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects findings, listing at most a few of each kind and summarising the rest in one line. */
final class FindingCollector {
    private final int maxPerKind;
    private final List<Finding> listed = new ArrayList<>();
    private final Map<FindingKind, Long> counts = new EnumMap<>(FindingKind.class);

    FindingCollector(int maxPerKind) {
        this.maxPerKind = maxPerKind;
    }

    void add(FindingKind kind, Location location, String message) {
        add(Finding.of(kind, location, message));
    }

    void add(Finding finding) {
        long seen = counts.merge(finding.kind(), 1L, Long::sum);
        if (seen <= maxPerKind) {
            listed.add(finding);
        }
    }

    List<Finding> result() {
        List<Finding> all = new ArrayList<>(listed);
        counts.forEach((kind, count) -> {
            if (count > maxPerKind) {
                all.add(Finding.of(kind, Location.DEVICE,
                        (count - maxPerKind) + " more " + kind + " findings not listed (" + count + " in all)"));
            }
        });
        return all;
    }
}
