package dev.cowscope.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * A sizing plan as CSV, one line per chunk size, the same fields as the JSON rows
 * ({@link SizeJson.Row}) in snake case: {@code size --csv} and the Plan tab's CSV export.
 */
public final class SizingCsv {
    public static final String HEADER = "chunk_size_sectors,chunk_size_bytes,changed_chunks,margin_chunks,planned_chunks,"
            + "capped_at_origin,header_chunks,metadata_chunks,data_chunks,total_chunks,total_sectors,total_bytes,data_bytes,"
            + "metadata_bytes,thread_formula_chunks,thread_formula_sectors,metadata_overhead_percent,write_amplification,"
            + "allocation_bytes,recommended";

    private SizingCsv() {
        throw new AssertionError("no instances");
    }

    /** Writes the header and one line per row; flushes, leaves {@code out} open. */
    public static void write(SizeJson.Plan plan, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (SizeJson.Row r : plan.rows()) {
            line.setLength(0);
            line.append(r.chunkSizeSectors()).append(',').append(r.chunkSizeBytes()).append(',')
                    .append(r.changedChunks()).append(',').append(r.marginChunks()).append(',')
                    .append(r.plannedChunks()).append(',').append(r.cappedAtOrigin()).append(',')
                    .append(r.headerChunks()).append(',').append(r.metadataChunks()).append(',')
                    .append(r.dataChunks()).append(',').append(r.totalChunks()).append(',')
                    .append(r.totalSectors()).append(',').append(r.totalBytes()).append(',')
                    .append(r.dataBytes()).append(',').append(r.metadataBytes()).append(',')
                    .append(r.threadFormulaChunks()).append(',').append(r.threadFormulaSectors()).append(',')
                    .append(decimal(r.metadataOverheadPercent())).append(',')
                    .append(r.writeAmplification() == null ? "" : decimal(r.writeAmplification())).append(',')
                    .append(r.allocationBytes()).append(',').append(r.recommended()).append('\n');
            out.append(line);
        }
        out.flush();
    }

    /** Plain digits, never an exponent (spreadsheets read {@code 5.0E-4} as text). */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
