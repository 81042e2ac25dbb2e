package dev.cowscope.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The writes a fixture scenario's manifest records, reduced to the origin chunks they touched. */
public final class ScenarioWrites {
    private ScenarioWrites() {
    }

    /**
     * Distinct origin chunks touched by the writes that succeeded, in first-touch order. Writes to
     * the snapshot and to the origin both make the kernel copy a chunk (once).
     */
    public static LinkedHashSet<Long> touchedChunks(JsonNode manifest, long chunkSizeSectors) {
        Set<Integer> failed = new HashSet<>();
        manifest.path("failed_write_indices").forEach(n -> failed.add(n.asInt()));
        LinkedHashSet<Long> chunks = new LinkedHashSet<>();
        JsonNode writes = manifest.path("writes");
        for (int i = 0; i < writes.size(); i++) {
            if (failed.contains(i)) {
                continue;
            }
            JsonNode w = writes.get(i);
            long start = w.path("start_sector").asLong();
            long end = start + w.path("nsectors").asLong() - 1;
            for (long c = start / chunkSizeSectors; c <= end / chunkSizeSectors; c++) {
                chunks.add(c);
            }
        }
        return chunks;
    }

    public static long chunkSizeSectors(JsonNode manifest) {
        return manifest.path("snapshot").path("chunk_size_sectors").asLong();
    }

    public static String store(JsonNode manifest) {
        return manifest.path("snapshot").path("persistent").asText();
    }
}
