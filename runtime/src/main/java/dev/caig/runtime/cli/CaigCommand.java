package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The root {@code caig} command: every subcommand only parses options and calls one stage or tool. */
@Command(name = "caig",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "CTR-driven advertising image generation: simulated market, training stages, evaluation and serving.",
        subcommands = {CommandLine.HelpCommand.class, PipelineCommand.class, MarketCommand.class, PretrainCommand.class,
                RewardCommand.class, FinetuneCommand.class, EvaluateCommand.class, GenerateCommand.class, RenderCommand.class, RendererCommand.class,
                DataCommand.class, ArtifactCommand.class, ServeCommand.class})
public final class CaigCommand implements Runnable {

    /** Exit code for errors the user can fix (bad input, missing artifact); picocli uses 2 for bad usage. */
    public static final int EXIT_USER_ERROR = 1;
    /** Exit code for bugs: anything that is not a {@link CaigException}. */
    public static final int EXIT_INTERNAL_ERROR = 3;
    /**
     * Exit code for input no retry can fix (invalid pipeline config or data, {@link InvalidInputException}); with
     * picocli's usage error (2), the operator's stage Jobs fail at once on it instead of retrying (podFailurePolicy).
     */
    public static final int EXIT_INVALID_INPUT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'caig --help'");
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CaigCommand());
        cli.setExecutionExceptionHandler(CaigCommand::handleExecutionException);
        return cli;
    }

    /** One line for the user; the stack trace only for bugs, and only when CAIG_DEBUG is set. */
    private static int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof InvalidInputException) {
            err.println("caig: error: " + e.getMessage());
            err.flush();
            return EXIT_INVALID_INPUT;
        }
        if (e instanceof CaigException) {
            err.println("caig: error: " + e.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("caig: internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (System.getenv("CAIG_DEBUG") == null ? " (set CAIG_DEBUG=1 for the stack trace)" : ""));
        if (System.getenv("CAIG_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }
}
