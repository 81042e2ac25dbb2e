package dev.cowscope.ui;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.map.MapCanvas;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opening a 64 GiB sparse COW (4 KiB chunks, 16.7 M exceptions) in the real window, headless on
 * Monocle: the longest stall of the FX thread while it opens (goal ≤ 50 ms), measured by a
 * probe that posts a runnable every 2 ms and records how late each one runs, and the time from
 * Open to the first painted chunk-map frame. Not a test (surefire skips *Benchmark*):
 * <pre>mvn -Pbench -Dbench=dev.cowscope.ui.OpenLatencyBenchmark</pre>
 * {@code -Dbench.rounds=N} (in {@code bench.jvm}) sets the rounds, {@code -Dbench.showStalls=true}
 * prints each stall over 40 ms with its JVM uptime, to line up with a GC log or a JFR recording;
 * {@code -Dbench.sampleStalls=true} samples the FX and render threads' stacks during stalls
 * ({@code -Dbench.sampleDepth=N} frames of the FX thread's outermost work). With
 * {@code -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=40} JavaFX itself prints each
 * slow pulse by phase (CSS, layout, waiting for the renderer, painting and its dirty regions).
 */
public final class OpenLatencyBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final boolean SAMPLE_STALLS = Boolean.getBoolean("bench.sampleStalls");
    private OpenLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path cow = Files.createTempFile("cowscope-open-bench-", ".cow");
        Preferences prefs = Preferences.userRoot().node("dev/cowscope/bench-" + UUID.randomUUID());
        FxTaskRunner tasks = new FxTaskRunner(); // as the application has it
        try {
            int exceptions = 65280 * 256;
            writeSparseCow(cow, new AreaLayout(8), exceptions, 64L << 30);
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            Window window = Window.show(tasks, prefs);
            // the start page paints, then the inspector is built, styled and laid out behind it
            LatenessProbe startup = LatenessProbe.start(null);
            Thread.sleep(1500);
            System.out.printf(Locale.ROOT, "start-up: longest FX-thread stall while the start page shows and the inspector is prepared behind it %.1f ms%n",
                    startup.stop() / 1e6);
            // round 1 opens into the fresh window; later rounds open the COW again over the open
            // one (the document is replaced, as when a user opens the next file)
            for (int round = 1; round <= ROUNDS; round++) {
                measure(window, cow, round);
            }
        } finally {
            Platform.exit();
            tasks.shutdown();
            Thread.sleep(500); // the window saves its geometry as it closes
            prefs.removeNode();
            Files.deleteIfExists(cow);
        }
    }

    /** One application window at 1600×1000, as {@link CowScopeApp} builds it. */
    private record Window(MainViewModel model, MapCanvas map) {
        static Window show(FxTaskRunner tasks, Preferences prefs) throws Exception {
            CompletableFuture<Window> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                Stage stage = new Stage();
                AppPreferences preferences = new AppPreferences(prefs);
                MainViewModel model = new MainViewModel(tasks, new SilentDialogs(), preferences, ImageOpener.ENGINE);
                MainWindow window = new MainWindow(stage, model);
                CowScopeApp.show(stage, window, model, preferences);
                stage.setWidth(1600);
                stage.setHeight(1000);
                shown.complete(new Window(model, window.chunkMapView().canvas()));
            });
            return shown.get();
        }
    }

    private static void measure(Window window, Path cow, int round) throws Exception {
        Object before = window.model().document();
        long framesBefore = window.map().framesPaintedProperty().get();
        CompletableFuture<Thread> fxThread = new CompletableFuture<>();
        Platform.runLater(() -> fxThread.complete(Thread.currentThread()));
        StallSampler stalls = SAMPLE_STALLS ? new StallSampler(fxThread.get(), 30) : null;
        LatenessProbe probe = LatenessProbe.start(stalls);

        long openAt = System.nanoTime();
        Platform.runLater(() -> window.model().open(cow));
        long firstPaint = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Object now = window.model().document();
            if (now != null && now != before && window.map().framesPaintedProperty().get() > framesBefore
                    && window.map().viewportProperty().get().chunkCount() > 1_000_000) {
                firstPaint = System.nanoTime();
                break;
            }
            Thread.sleep(1);
        }
        Thread.sleep(300);
        long worstLate = probe.stop();
        if (stalls != null) {
            stalls.close();
            stalls.print(4);
        }
        System.out.printf(Locale.ROOT, "round %d: open -> first chunk-map paint %.0f ms; longest FX-thread stall %.1f ms (goal <= 50)%n",
                round, (firstPaint - openAt) / 1e6, worstLate / 1e6);
        Thread.sleep(2000); // the open's background work (origin map, areas) ends before the next round
    }

    /** Posts a runnable to the FX thread every 2 ms and records how late each one runs. */
    private static final class LatenessProbe {
        private final AtomicLong worstLateNanos = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        static LatenessProbe start(StallSampler stalls) {
            LatenessProbe probe = new LatenessProbe();
            probe.timer.scheduleAtFixedRate(() -> {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long late = System.nanoTime() - posted;
                    if (stalls != null) {
                        stalls.answered();
                    }
                    probe.worstLateNanos.accumulateAndGet(late, Math::max);
                    if (late > 40_000_000L && Boolean.getBoolean("bench.showStalls")) {
                        System.out.printf(Locale.ROOT, "  stall %.0f ms ending at JVM uptime %d ms%n", late / 1e6,
                                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                    }
                });
            }, 0, 2, TimeUnit.MILLISECONDS);
            return probe;
        }

        /** Stops posting and returns the longest lateness seen, in nanoseconds. */
        long stop() throws InterruptedException {
            timer.shutdownNow();
            Thread.sleep(50); // let probes already posted run
            return worstLateNanos.get();
        }
    }

    /** Header + full areas of distinct scattered old chunks; only metadata chunks are written. */
    static void writeSparseCow(Path file, AreaLayout layout, int exceptions, long deviceBytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new DiskHeader(DiskHeader.SNAP_MAGIC, 1, 1, layout.chunkSizeSectors()).encode()), 0);
            int perArea = (int) layout.exceptionsPerArea();
            ByteBuffer area = ByteBuffer.allocate((int) layout.chunkSizeBytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int a = 0; a <= exceptions / perArea; a++) {
                java.util.Arrays.fill(area.array(), (byte) 0);
                area.clear();
                for (int s = 0; s < perArea; s++) {
                    long i = (long) a * perArea + s;
                    if (i >= exceptions) {
                        break;
                    }
                    area.putLong(16 * s, (i * 0x9E3779B1L) & ((1L << 28) - 1)).putLong(16 * s + 8, layout.sequentialChunk(i));
                }
                ch.write(area, layout.chunkOffsetBytes(layout.areaLocation(a)));
            }
            ch.write(ByteBuffer.allocate(1), deviceBytes - 1);
        }
    }

    /** Benchmarks show no dialogs. */
    private static final class SilentDialogs implements DialogService {
        @Override
        public void showError(String title, String message, Throwable detail) {
        }

        @Override
        public void showInformation(String title, String message) {
        }
    }
}
