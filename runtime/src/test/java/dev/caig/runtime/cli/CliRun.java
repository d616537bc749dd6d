package dev.caig.runtime.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code caig} command line, as the tests see it: exit code and both streams. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = CaigCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
