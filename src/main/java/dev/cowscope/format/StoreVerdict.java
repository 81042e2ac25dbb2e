package dev.cowscope.format;

import java.util.Optional;

/**
 * What to say about a store in one word and one colour: its state, qualified by what the findings
 * say (a VALID header over a full, unloadable or half-read table is not good news), and why.
 * The CLI's state line and the window's badge both come from here.
 *
 * @param badge the state, plus a qualifier when the findings change its meaning ("VALID · FULL")
 * @param tone the worst of the state and the findings; empty when all is well
 * @param explanation one sentence on this store's state
 */
public record StoreVerdict(String badge, Optional<Severity> tone, String explanation) {
    public static StoreVerdict of(CowImage image) {
        StoreState state = image.state();
        Optional<Severity> tone = worst(stateTone(image), image.worstSeverity());
        return new StoreVerdict(state.name() + qualifier(image), tone, explanation(image));
    }

    private static String qualifier(CowImage image) {
        if (!image.isComplete()) {
            return " · PARTIAL";
        }
        if (image.state() == StoreState.VALID && !image.kernelLoads()) {
            return " · WON'T LOAD";
        }
        if (image.findings().stream().anyMatch(f -> f.kind() == FindingKind.STORE_FULL)) {
            return " · FULL";
        }
        return "";
    }

    private static Optional<Severity> stateTone(CowImage image) {
        switch (image.state()) {
            case VALID:
                return image.kernelLoads() ? Optional.empty() : Optional.of(Severity.ERROR);
            case FRESH:
                return Optional.of(Severity.INFO);
            default:
                return Optional.of(Severity.ERROR);
        }
    }

    private static Optional<Severity> worst(Optional<Severity> a, Optional<Severity> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().atLeast(b.get()) ? a : b;
    }

    private static String explanation(CowImage image) {
        StoreState state = image.state();
        switch (state) {
            case FRESH:
                return "FRESH — a new COW: the kernel will write a header and an empty area 0";
            case VALID:
                if (!image.isComplete()) {
                    return "VALID header, but the table is larger than this process can read (see findings)";
                }
                return image.kernelLoads() ? "VALID — the kernel loads " + image.exceptions().size() + " exceptions"
                        : "VALID header, but the kernel would fail to load the store (see findings)";
            case INVALID:
                return "INVALID — the snapshot was invalidated; the kernel loads nothing (table read for forensics)";
            default:
                return state + " — the kernel refuses this store (see findings)";
        }
    }
}
