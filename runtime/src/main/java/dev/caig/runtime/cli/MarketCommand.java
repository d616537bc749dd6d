package dev.caig.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code caig market}: tools for the simulated ad market. */
@Command(name = "market", mixinStandardHelpOptions = true,
        description = "The simulated ad market that plays the users: generate products, creatives and click logs (also for your own catalog).",
        subcommands = {MarketGenerateCommand.class, MarketClicksCommand.class})
public final class MarketCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'caig market --help'");
    }
}
