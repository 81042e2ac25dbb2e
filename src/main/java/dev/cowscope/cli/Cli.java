package dev.cowscope.cli;

import java.io.PrintWriter;
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
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given streams (tests capture them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CowScopeCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(new UsageHandler());
        return cli;
    }

    /** Bad input becomes one clear line and exit 3; never a stack trace. */
    private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (e instanceof java.io.IOException || e instanceof InputException) {
                err.println("cowscope: " + e.getMessage());
                return ExitCode.UNREADABLE;
            }
            if (e instanceof java.util.concurrent.CancellationException) {
                err.println("cowscope: cancelled");
                return ExitCode.UNREADABLE;
            }
            err.println("cowscope: internal error: " + e);
            if (Boolean.getBoolean("cowscope.debug")) {
                e.printStackTrace(err);
            } else {
                err.println("(run with -Dcowscope.debug=true for the stack trace, and please report it)");
            }
            return ExitCode.FINDINGS;
        }
    }

    /** Usage errors: the message, a pointer to --help, exit 2. */
    private static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("cowscope: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE;
        }
    }
}
