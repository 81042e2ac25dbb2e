package dev.cowscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.AreaSummary;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.DiskHeader;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Location;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.format.StatusLine;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.MergeException;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.report.InspectReport;
import dev.cowscope.report.ReportJson;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.snapshot.SnapshotViewException;
import dev.cowscope.testkit.SparseBlockSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A COW device of any size (up to 2^63 bytes, held sparse in memory) with a fuzzed header and
 * fuzzed metadata written where the walk reads it: parsed, checked, reported, viewed through an
 * origin, planned and simulated as a merge. The only allowed refusals are the documented ones
 * ({@link CowFormatException}, {@link SnapshotViewException}, {@link MergeException}); anything
 * else that escapes, a hang or an OutOfMemoryError is a bug.
 */
class CowImageFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) throws IOException {
        // chunks up to 32 MiB: a 1 GiB chunk's area is a 1 GiB read (the kernel reads it whole too),
        // seconds under the fuzzer's instrumentation; the segmented read has a unit test
        // (half of the powers of two small: a big chunk's area is a long stale-entry scan, slow under instrumentation)
        long chunkSectors = data.consumeBoolean()
                ? 1L << (data.consumeBoolean() ? data.consumeInt(0, 4) : data.consumeInt(0, 16)) : data.consumeLong();
        SparseBlockSource cow = new SparseBlockSource("fuzz.cow", deviceSize(data));
        cow.put(0, new DiskHeader(data.consumeBoolean() ? DiskHeader.SNAP_MAGIC : data.consumeInt() & 0xffffffffL,
                data.consumeInt(0, 2), data.consumeInt(0, 10) == 0 ? data.consumeInt() & 0xffffffffL : 1,
                chunkSectors & 0xffffffffL).encode());
        writeAreas(data, cow, chunkSectors);
        ParseOptions options = new ParseOptions(data.consumeBoolean() ? 0 : data.consumeLong(0, 1L << 24),
                512L << data.consumeInt(0, 7), data.consumeInt(1, 40));
        CowImage image;
        try {
            image = new CowReader(options).read(cow, Progress.NONE);
        } catch (CowFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        sameWithTwoReaders(cow, options, image);
        report(image);
        lookups(data, image);
        view(data, image, cow);
        merge(data, image);
    }

    /** The walk reads a file with two threads: read that way, the same store gives the same table and findings. */
    private static void sameWithTwoReaders(SparseBlockSource cow, ParseOptions options, CowImage image) throws IOException {
        CowImage two = new CowReader(options).read(cow.readsInAnyOrder(true), Progress.NONE);
        cow.readsInAnyOrder(false);
        assertThat(two.findings()).isEqualTo(image.findings());
        assertThat(two.exceptions().size()).isEqualTo(image.exceptions().size());
        for (int i = 0; i < image.exceptions().size(); i++) {
            assertThat(two.exceptions().entry(i)).isEqualTo(image.exceptions().entry(i));
        }
    }

    /** Sizes from tiny to 2^63 - 1, most of them small enough to hold real tables. */
    private static long deviceSize(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeLong(0, 1L << 16);
            case 1:
                return data.consumeLong(0, 1L << 30);
            case 2:
                return data.consumeLong(0, 1L << 45);
            default:
                return data.consumeLong(0, Long.MAX_VALUE);
        }
    }

    /** Entries in the first areas: near the allocator's order, or raw fuzz. */
    private static void writeAreas(FuzzedDataProvider data, SparseBlockSource cow, long chunkSectors) {
        if (AreaLayout.refusal(chunkSectors) != null) {
            return;
        }
        AreaLayout layout = new AreaLayout(chunkSectors);
        int areas = data.consumeInt(0, 6);
        long allocation = 0;
        for (int a = 0; a < areas; a++) {
            long offset;
            try {
                offset = layout.chunkOffsetBytes(layout.areaLocation(data.consumeBoolean() ? a : data.consumeLong(0, 1L << 40)));
            } catch (ArithmeticException past) {
                continue;
            }
            int entries = (int) Math.min(layout.exceptionsPerArea(), data.consumeInt(0, 600));
            if (data.consumeBoolean()) {
                cow.put(offset, data.consumeBytes(entries * 16));
                continue;
            }
            ByteBuffer area = ByteBuffer.allocate(entries * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < entries; i++, allocation++) {
                long old = data.consumeBoolean() ? allocation : data.consumeLong();
                long nw = data.consumeInt(0, 8) != 0 ? layout.sequentialChunk(allocation) + data.consumeInt(-2, 2) : data.consumeLong();
                area.putLong(old).putLong(nw);
            }
            cow.put(offset, area.array());
        }
    }

    private static void report(CowImage image) {
        image.usage().ifPresent(u -> {
            assertThat(u.params()).isNotBlank();
            u.percentFull();
            assertThat(StatusLine.of(image.deviceSectors(), StatusLine.SNAPSHOT, u).toString()).endsWith(u.params());
        });
        assertThat(image.headroomChunks()).isNotNegative();
        if (image.areasRead() < 100_000) {
            AreaSummary.of(image);
        }
        assertThat(ReportJson.toJson(InspectReport.of(image, image.areasRead() < 100_000))).isNotBlank();
        for (Finding finding : image.findings()) {
            assertThat(finding.message()).isNotBlank();
            assertThat(Location.parse(finding.location().toString())).as(finding.location().toString()).isPresent();
        }
    }

    private static void lookups(FuzzedDataProvider data, CowImage image) {
        ExceptionTable table = image.exceptions();
        if (table.size() > 0) {
            int i = data.consumeInt(0, table.size() - 1);
            table.lookup(table.oldChunk(i));
            assertThat(table.entryAt(table.areaOf(i), table.slotOf(i))).isEqualTo(i);
        }
        table.lookup(data.consumeLong());
        table.entryAt(data.consumeLong(), data.consumeLong());
    }

    private static void view(FuzzedDataProvider data, CowImage image, SparseBlockSource cow) throws IOException {
        if (image.layout().isEmpty()) {
            return;
        }
        SparseBlockSource origin = new SparseBlockSource("fuzz.origin", data.consumeLong(0, 1L << 40));
        SnapshotView view;
        try {
            view = new SnapshotView(origin, image, cow, data.consumeBoolean());
        } catch (SnapshotViewException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        for (int k = data.consumeInt(0, 3); k > 0 && view.sizeBytes() > 0; k--) {
            long offset = data.consumeLong(0, view.sizeBytes() - 1); // read's contract: a range inside the view
            view.read(offset, ByteBuffer.allocate((int) Math.min(data.consumeInt(0, 1 << 16), view.sizeBytes() - offset)));
        }
    }

    private static void merge(FuzzedDataProvider data, CowImage image) {
        MergePlan plan;
        try {
            plan = data.consumeBoolean() ? MergePlan.of(image) : MergePlan.of(image, data.consumeLong(0, Long.MAX_VALUE));
        } catch (MergeException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        plan.totals();
        MergeSimulator simulator = new MergeSimulator(plan);
        if (plan.stepCount() == 0) {
            simulator.initial();
            return;
        }
        int step = data.consumeInt(0, plan.stepCount() - 1);
        simulator.afterSteps(step);
        simulator.prepared(step);
        simulator.crash(step, data.consumeBoolean() ? CrashPoint.BEFORE_COMMIT : CrashPoint.AFTER_COMMIT);
        if (plan.stepCount() < 10_000) {
            simulator.statusSequence();
        }
    }
}
