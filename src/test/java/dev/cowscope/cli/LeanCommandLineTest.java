package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Start-up (issue 16): the command line builds picocli's model only for the verb it runs, and
 * answers {@code --version} without it; both must say exactly what the whole command says.
 */
class LeanCommandLineTest {
    private static String[] run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void versionWithoutPicocliSaysWhatPicocliSays() {
        String[] whole = run(Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), "--version");
        for (String option : List.of("--version", "-V")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), option);
            assertThat(new String[] {String.valueOf(code), out.toString(), err.toString()}).containsExactly(whole);
        }
    }

    @Test
    void eachVerbAloneHelpsAndFailsAsInTheWholeCommand() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        for (Class<?> verb : CowScopeCommand.VERBS) {
            String name = verb.getAnnotation(CommandLine.Command.class).name();
            if (name.equals("help")) {
                assertThat(Cli.verbsFor("help", "inspect")).isEqualTo(CowScopeCommand.VERBS);
                continue;
            }
            assertThat(Cli.verbsFor(name, "x")).containsExactly(verb);
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"})) {
                assertThat(run(Cli.commandLine(sink, sink, args), args)).as(String.join(" ", args))
                        .containsExactly(run(Cli.commandLine(sink, sink), args));
            }
        }
    }

    @Test
    void helpAndUnknownVerbsGetEveryVerb() {
        assertThat(Cli.verbsFor()).isEqualTo(CowScopeCommand.VERBS);
        assertThat(Cli.verbsFor("--help")).isEqualTo(CowScopeCommand.VERBS);
        assertThat(Cli.verbsFor("inpsect")).isEqualTo(CowScopeCommand.VERBS);
    }

    @Test
    void theVerbListIsTheOnlyOne() {
        // a verb added to the root's annotation would be built for every command line again
        assertThat(CowScopeCommand.class.getAnnotation(CommandLine.Command.class).subcommands()).isEmpty();
    }
}
