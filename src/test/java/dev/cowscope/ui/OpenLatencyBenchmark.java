package dev.cowscope.ui;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.ui.chunkmap.MapCanvas;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.document.ImageOpener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
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
 * prints each stall over 40 ms with its JVM uptime, to line up with a GC log or a JFR recording.
 */
public final class OpenLatencyBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private OpenLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path cow = Files.createTempFile("cowscope-open-bench-", ".cow");
        try {
            int exceptions = 65280 * 256;
            writeSparseCow(cow, new AreaLayout(8), exceptions, 64L << 30);
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            Platform.setImplicitExit(false); // each round hides its window: the toolkit must outlive it
            for (int round = 1; round <= ROUNDS; round++) {
                measure(cow, round);
            }
        } finally {
            Files.deleteIfExists(cow);
            Platform.exit();
        }
    }

    private static void measure(Path cow, int round) throws Exception {
        Preferences prefs = Preferences.userRoot().node("dev/cowscope/bench-" + UUID.randomUUID());
        FxTaskRunner tasks = new FxTaskRunner(); // as the application has it
        MainViewModel[] model = new MainViewModel[1];
        MainWindow[] window = new MainWindow[1];
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            stage[0] = new Stage();
            AppPreferences preferences = new AppPreferences(prefs);
            model[0] = new MainViewModel(tasks, new SilentDialogs(), preferences, ImageOpener.ENGINE);
            window[0] = new MainWindow(stage[0], model[0]);
            CowScopeApp.show(stage[0], window[0], model[0], preferences);
            stage[0].setWidth(1600);
            stage[0].setHeight(1000);
            shown.countDown();
        });
        shown.await();
        Thread.sleep(500);

        AtomicLong worstLateNanos = new AtomicLong();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long late = System.nanoTime() - posted;
                worstLateNanos.accumulateAndGet(late, Math::max);
                if (late > 40_000_000L && Boolean.getBoolean("bench.showStalls")) {
                    System.out.printf(Locale.ROOT, "  stall %.0f ms ending at JVM uptime %d ms%n", late / 1e6,
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                }
            });
        }, 0, 2, TimeUnit.MILLISECONDS);

        long openAt = System.nanoTime();
        Platform.runLater(() -> model[0].open(cow));
        MapCanvas map = null;
        long firstPaint = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (model[0].document() != null && map == null) {
                map = window[0].chunkMapView().canvas();
            }
            if (map != null && map.framesPaintedProperty().get() > 0 && map.viewportProperty().get().chunkCount() > 1_000_000) {
                firstPaint = System.nanoTime();
                break;
            }
            Thread.sleep(1);
        }
        Thread.sleep(300);
        probe.shutdownNow();
        System.out.printf(Locale.ROOT, "round %d: open -> first chunk-map paint %.0f ms; longest FX-thread stall %.1f ms (goal <= 50)%n",
                round, (firstPaint - openAt) / 1e6, worstLateNanos.get() / 1e6);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            stage[0].hide();
            model[0].close();
            closed.countDown();
        });
        closed.await();
        tasks.shutdown();
        prefs.removeNode();
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
