package dev.caig.runtime.cli;

import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ClickLog;
import dev.caig.runtime.data.ClickLogReader;
import dev.caig.runtime.data.PairFilter;
import dev.caig.runtime.data.PairSummary;
import dev.caig.runtime.data.RewardPairs;
import dev.caig.runtime.data.Validated;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caig data validate}: check a catalog and click logs, list all problems or summarise what they give. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Check a team's own catalog and click logs.",
        subcommands = {DataCommand.Validate.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'caig data --help'");
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Validate a catalog (tiny.json format) and optionally click logs (creatives format).",
                    "Prints every problem at once, or a summary: products, creatives, impressions and the reward pairs "
                            + "that survive the filters. Exit code 1 when there is any problem."})
    static final class Validate implements Callable<Integer> {
        @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "catalog JSON file, or a folder holding catalog.json or tiny.json")
        Path catalog;

        @Option(names = "--click-log", paramLabel = "FILE", description = "click-log JSON file (creatives keyed by product id)")
        Path clickLog;

        @Option(names = "--min-impressions", paramLabel = "N", defaultValue = "1000",
                description = "a creative counts for pairs with more impressions than this (default: ${DEFAULT-VALUE})")
        long minImpressions;

        @Option(names = "--min-ratio", paramLabel = "R", defaultValue = "1.05",
                description = "smallest CTR ratio of a pair (default: ${DEFAULT-VALUE})")
        double minRatio;

        @Option(names = "--max-ratio", paramLabel = "R", defaultValue = "1.20",
                description = "largest CTR ratio of a pair (default: ${DEFAULT-VALUE})")
        double maxRatio;

        @Option(names = "--min-pairs", paramLabel = "N", defaultValue = "0",
                description = "fail when fewer reward pairs survive (default: ${DEFAULT-VALUE}, no check)")
        int minPairs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PairFilter filter;
            try {
                filter = new PairFilter(minImpressions, minRatio, maxRatio);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Validated<Catalog> products = new CatalogReader().validate(catalog);
            boolean ok = products.report().ok();
            out.println(products.report().ok() ? catalog + ": " + products.value().size() + " products, no problems"
                    : products.report().render());
            if (clickLog != null) {
                Validated<ClickLog> log = new ClickLogReader().validate(clickLog, products.value());
                ok &= log.report().ok();
                if (!log.report().ok()) {
                    out.println(log.report().render());
                } else {
                    PairSummary summary = PairSummary.of(log.value(), filter);
                    out.println(clickLog + ": no problems");
                    out.println(summary.render());
                    if (summary.pairs() < minPairs) {
                        out.println(RewardPairs.tooFewMessage(log.value(), filter, summary.pairs(), minPairs));
                        ok = false;
                    }
                }
            }
            out.flush();
            return ok ? 0 : CaigCommand.EXIT_USER_ERROR;
        }
    }
}
