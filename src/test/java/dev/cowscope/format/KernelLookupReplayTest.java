package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.CowImageBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The indexed replay of {@code dm_insert_exception} picks the same entry as the kernel's own list
 * walk (kept here as the model, as the engine did it before), and stays fast when one chunk is
 * remapped by hundreds of thousands of entries.
 */
class KernelLookupReplayTest {
    @Test
    void picksTheEntryTheKernelsListWalkPicks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 1000; trial++) {
            ExceptionTable.Builder builder = new ExceptionTable.Builder(new AreaLayout(8));
            int n = random.nextInt(2, 300);
            long base = random.nextInt(3) == 0 ? -512L : random.nextLong(0, 1 << 20) << 8; // also groups at 2^64 - 512
            int span = random.nextInt(1, 40);
            for (int i = 0; i < n; i++) {
                builder.add(base + random.nextInt(span), random.nextLong(2, 2 + 3L * span));
            }
            ExceptionTable table = builder.build();
            KernelLookup lookup = table.duplicates();
            for (int d = 0; d < lookup.count(); d++) {
                long chunk = lookup.chunk(d);
                assertThat(table.newChunk(lookup.winnerEntry(d))).as("trial %d chunk %d", trial, chunk)
                        .isEqualTo(modelLookup(table, chunk));
            }
        }
    }

    @Test
    @Timeout(5)
    void aChunkRemappedByQuarterMillionEntriesResolvesFast() {
        ExceptionTable.Builder builder = new ExceptionTable.Builder(new AreaLayout(8));
        for (int i = 0; i < 254_000; i++) {
            builder.add(7, 2 + 2L * i); // never consecutive: each entry is its own run
        }
        ExceptionTable table = builder.build();
        assertThat(table.duplicates().count()).isEqualTo(1);
        assertThat(table.lookup(7)).isEqualTo(2); // equal starts keep load order: the first entry's run is found first
    }

    @Test
    @Timeout(10)
    void aParsedStoreWithManyDuplicatesChecksInTime() throws Exception {
        CowImageBuilder cow = CowImageBuilder.cow().chunkSizeSectors(8).deviceBytes(64L << 20);
        for (int i = 0; i < 100_000; i++) {
            cow.exception(i % 3, 2 + i + i / 256);
        }
        CowImage image = cow.read();
        assertThat(image.findings()).anyMatch(f -> f.kind() == FindingKind.DUPLICATE_OLD_CHUNK);
    }

    /** The kernel's list walk for the entries of {@code chunk}'s 256-chunk group, in disk order. */
    private static long modelLookup(ExceptionTable table, long chunk) {
        List<long[]> runs = new ArrayList<>(); // {old, new, count}
        for (int i = 0; i < table.size(); i++) {
            long old = table.oldChunk(i);
            if (old >>> 8 == chunk >>> 8) {
                insert(runs, old, table.newChunk(i));
            }
        }
        for (long[] e : runs) {
            if (Long.compareUnsigned(chunk, e[0]) >= 0 && Long.compareUnsigned(chunk, e[0] + e[2]) <= 0) {
                return e[1] + (chunk - e[0]);
            }
        }
        throw new AssertionError("not remapped");
    }

    private static void insert(List<long[]> list, long oldChunk, long newChunk) {
        int position = list.size();
        for (int j = 0; j < list.size(); j++) {
            long[] e = list.get(j);
            if (oldChunk == e[0] + e[2] + 1 && newChunk == e[1] + e[2] + 1) {
                e[2]++;
                return;
            }
            if (oldChunk == e[0] - 1 && newChunk == e[1] - 1) {
                e[2]++;
                e[0]--;
                e[1]--;
                return;
            }
            if (Long.compareUnsigned(oldChunk, e[0]) < 0) {
                position = j;
                break;
            }
        }
        list.add(position, new long[] {oldChunk, newChunk, 0});
    }
}
