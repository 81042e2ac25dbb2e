package dev.cowscope.cli;

import picocli.CommandLine;

/** Options that parse but do not fit together: exit 2 with the message. */
final class UsageException extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    UsageException(CommandLine cmd, String message) {
        super(cmd, message);
    }
}
