package dev.cowscope.cli;

import dev.cowscope.alignment.InputFormatException;
import dev.cowscope.snapshot.SnapshotViewException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;

/** Runs the command line: {@code cowscope <verb> …}; returns the exit code (see {@link ExitCode}). */
public final class Cli {
    private Cli() {
        throw new AssertionError("no instances");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        // stdout buffered and flushed once at the end: a println that flushes costs a write(2) per
        // line (100 000 table lines, 16 M exceptions); stderr (progress, errors) stays unbuffered
        java.io.BufferedOutputStream bytes = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(bytes,
                java.nio.charset.Charset.defaultCharset()), 1 << 16), false);
        processOut = out;
        processBytes = bytes;
        try {
            return execute(out, new PrintWriter(System.err, true), args);
        } finally {
            out.flush();
        }
    }

    private static volatile PrintWriter processOut;
    private static volatile java.io.OutputStream processBytes;

    /**
     * The byte stream under {@code out} when it is the process's standard output (flushed into it first), so a
     * verb printing millions of ASCII rows can skip the character encoder; null for any other writer (tests).
     */
    static java.io.OutputStream bytesUnder(PrintWriter out) {
        if (out != processOut || processBytes == null) {
            return null;
        }
        out.flush();
        return processBytes;
    }

    /** Runs with the given streams (tests capture them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
                // what picocli prints for the root's --version, without building picocli's model
                // (its converters and reflection are most of a cold start)
                for (String line : new VersionProvider().getVersion()) {
                    out.println(line);
                }
                return ExitCode.OK;
            }
            return commandLine(out, err, args).execute(args);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return internalError(e, err); // what escaped picocli's handlers (an Error, or a handler's own failure)
        }
    }

    /** The whole command: every verb (what {@code --help} lists). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CowScopeCommand.VERBS);
    }

    /**
     * The command as far as {@code args} need it: the root and the one verb they name, else every
     * verb (help, a usage error's suggestions).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, verbsFor(args));
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, java.util.List<Class<?>> verbs) {
        CommandLine cli = new CommandLine(new CowScopeCommand());
        for (Class<?> verb : verbs) {
            cli.addSubcommand(verb);
        }
        return configure(cli, out, err);
    }

    /** The verbs picocli must know to run {@code args}. */
    static java.util.List<Class<?>> verbsFor(String... args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> verb : CowScopeCommand.VERBS) {
                CommandLine.Command command = verb.getAnnotation(CommandLine.Command.class);
                if (args[0].equals(command.name()) || java.util.Arrays.asList(command.aliases()).contains(args[0])) {
                    return java.util.List.of(verb);
                }
            }
        }
        return CowScopeCommand.VERBS;
    }

    /** Streams and the one error path, for the whole command or one verb alone (tests). */
    public static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(new UsageHandler());
        return cli;
    }

    /**
     * The one error path of every verb: a verb throws, this says it in one line prefixed with the
     * verb ({@code cowscope merge plan: …}) and picks the exit code; never a stack trace for input.
     */
    private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (isInputFailure(e)) {
                err.println(cmd.getCommandSpec().qualifiedName() + ": " + messageOf(e));
                return ExitCode.UNREADABLE;
            }
            if (e instanceof CancellationException) {
                err.println(cmd.getCommandSpec().qualifiedName() + ": cancelled");
                return ExitCode.UNREADABLE;
            }
            return internalError(e, err);
        }
    }

    /** An input the verb cannot use (missing, unreadable, damaged, refused): exit 3, not a bug. */
    public static boolean isInputFailure(Exception e) {
        return e instanceof IOException || e instanceof InputException
                || e instanceof InputFormatException || e instanceof SnapshotViewException;
    }

    /** Our exceptions carry sentences; the JDK's file errors carry only the path, so say what happened to it. */
    static String messageOf(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NoSuchFileException) {
            return message + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return message + ": permission denied";
        }
        return message;
    }

    /** The window cannot open: one line pointing to the command line, exit 2 (never a stack trace). */
    public static int noWindow(String why) {
        System.err.println("cowscope: cannot open the window: " + why
                + ". The command line needs no display: cowscope --help lists the verbs (inspect, size, align, merge, …).");
        return ExitCode.USAGE;
    }

    /** A bug is not a finding: one line, its own exit code, the stack trace only when asked for. */
    static int internalError(Throwable e, PrintWriter err) {
        err.println("cowscope: internal error: " + e + " (run with -Dcowscope.debug=true for the stack trace, and please report it)");
        if (Boolean.getBoolean("cowscope.debug")) {
            e.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }

    /** Usage errors: the message, a pointer to --help, exit 2. */
    private static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE;
        }
    }
}
