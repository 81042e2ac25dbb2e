package dev.cowscope.cli;

/** An input the command cannot use (missing, unreadable, not what it needs): exit 3 with the message. */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
