package dev.cowscope.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Attributes FX-thread stalls: while the thread has not answered for longer than a threshold, it
 * samples the FX thread's stack (and the render thread's) every {@value #PERIOD_MS} ms; each
 * stall is one episode, printed with its samples grouped by what the thread was doing. Benchmarks
 * only: JFR's 10–20 ms sampling cannot say what one 100 ms stall is made of.
 */
final class StallSampler implements AutoCloseable {
    private static final int PERIOD_MS = 2;
    private final Thread fx;
    private final long thresholdNanos;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final List<Episode> episodes = new ArrayList<>();
    private volatile long lastAnswer = System.nanoTime();
    private Episode current;

    StallSampler(Thread fx, long thresholdMillis) {
        this.fx = fx;
        this.thresholdNanos = thresholdMillis * 1_000_000L;
        sampler.scheduleAtFixedRate(this::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Called on the FX thread by the probe whenever it runs. */
    synchronized void answered() {
        long now = System.nanoTime();
        if (current != null) {
            current.millis = (now - lastAnswer) / 1e6;
            current = null;
        }
        lastAnswer = now;
    }

    private synchronized void sample() {
        if (System.nanoTime() - lastAnswer <= thresholdNanos) {
            return;
        }
        if (current == null) {
            current = new Episode();
            episodes.add(current);
        }
        current.add("FX  ", outermostWork(fx.getStackTrace()));
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("QuantumRenderer")) {
                current.add("REND", innermost(stack));
            }
        });
    }

    /** The frames just inside the event loop: which runnable or pulse phase is running. */
    private static String outermostWork(StackTraceElement[] stack) {
        List<StackTraceElement> frames = new ArrayList<>(Arrays.asList(stack));
        java.util.Collections.reverse(frames);
        int start = 0;
        while (start < frames.size() && isLoop(frames.get(start))) {
            start++;
        }
        String app = Arrays.stream(stack).filter(e -> e.getClassName().startsWith("dev.cowscope.")).findFirst()
                .map(e -> " [" + shortName(e) + "]").orElse("");
        String inner = stack.length > 0 ? " … " + shortName(stack[0]) : "";
        return frames.stream().skip(start).limit(Integer.getInteger("bench.sampleDepth", 5)).map(StallSampler::shortName).collect(Collectors.joining(" > ")) + app + inner;
    }

    /** The innermost frames, and the innermost scene-graph node being rendered. */
    private static String innermost(StackTraceElement[] stack) {
        String node = Arrays.stream(stack).filter(e -> e.getClassName().startsWith("com.sun.javafx.sg.prism.NG"))
                .findFirst().map(e -> " [" + shortName(e) + "]").orElse("");
        return Arrays.stream(stack).limit(3).map(StallSampler::shortName).collect(Collectors.joining(" < ")) + node;
    }

    private static boolean isLoop(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("java.lang.Thread") || c.startsWith("com.sun.javafx.tk.") || c.equals("javafx.scene.Scene$ScenePulseListener") || c.startsWith("com.sun.glass.ui.") || c.startsWith("java.security.")
                || c.startsWith("com.sun.javafx.application.PlatformImpl") || c.contains("$$Lambda");
    }

    private static String shortName(StackTraceElement e) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
    }

    /** Prints the longest episodes, each with its grouped samples. */
    synchronized void print(int topEpisodes) {
        episodes.stream().filter(e -> e.millis > 0).sorted(Comparator.comparingDouble((Episode e) -> e.millis).reversed())
                .limit(topEpisodes).forEach(e -> {
                    System.out.printf(Locale.ROOT, "  stall %.0f ms:%n", e.millis);
                    e.counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(14)
                            .forEach(c -> System.out.printf(Locale.ROOT, "    %3d ms %s%n", c.getValue() * PERIOD_MS, c.getKey()));
                });
        episodes.clear();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private static final class Episode {
        final Map<String, Integer> counts = new TreeMap<>();
        double millis;

        void add(String who, String key) {
            counts.merge(who + " " + key, 1, Integer::sum);
        }
    }
}
