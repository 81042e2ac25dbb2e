package dev.cowscope.cli;

import dev.cowscope.monitor.FillThresholds;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --thresholds}: the fill percentages {@code fill-log} reports and {@code watch} announces. */
final class ThresholdsOption {
    @Option(names = "--thresholds", paramLabel = "PERCENTS", defaultValue = "50,80,85,90,95",
            description = "Fill percentages to report (default: dmeventd's check floor 50 and its warnings 80,85,90,95).")
    String thresholds;

    /** The percentages; a bad list is a usage error (checked before any work). */
    FillThresholds levels(CommandLine cmd) {
        try {
            return FillThresholds.parse(thresholds);
        } catch (IllegalArgumentException e) {
            throw new UsageException(cmd, "--thresholds: " + e.getMessage());
        }
    }
}
