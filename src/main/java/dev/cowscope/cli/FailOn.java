package dev.cowscope.cli;

import dev.cowscope.format.Finding;
import dev.cowscope.format.Severity;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --fail-on}: the finding severity that makes the exit code 1. */
final class FailOn {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "ERROR",
            description = "Exit 1 when a finding is at least this severe: INFO, WARNING, ERROR (default), or NEVER.")
    String level;

    /** The threshold, or null for NEVER; a bad value is a usage error (checked before any work). */
    Severity threshold(picocli.CommandLine cmd) {
        if (level.equalsIgnoreCase("never")) {
            return null;
        }
        try {
            return Severity.valueOf(level.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(cmd, "--fail-on: expected INFO, WARNING, ERROR or NEVER, got '" + level + "'");
        }
    }

    int exitCode(List<Finding> findings, picocli.CommandLine cmd) {
        Severity threshold = threshold(cmd);
        if (threshold == null) {
            return ExitCode.OK;
        }
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold)) ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
