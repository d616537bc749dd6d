package dev.caig.runtime.cli;

import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ProductImageLoader;
import dev.caig.runtime.data.ValidationReport;
import dev.caig.runtime.generate.Shard;
import dev.caig.runtime.data.ClickLog;
import dev.caig.runtime.data.ClickLogReader;
import dev.caig.runtime.data.PairFilter;
import dev.caig.runtime.data.PairSummary;
import dev.caig.runtime.data.RewardPairs;
import dev.caig.runtime.data.Validated;
import dev.caig.runtime.stage.TrainingData;
import dev.caig.runtime.stage.UserDataFiles;
import dev.caig.runtime.stage.UserDataUpload;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caig data validate}: check a catalog and click logs, list all problems or summarise what they give. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Check a team's own catalog and click logs.",
        subcommands = {DataCommand.Validate.class, DataCommand.Upload.class})
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
        @Option(names = "--catalog", required = true, paramLabel = "URI",
                description = "catalog JSON file, or a folder holding catalog.json or tiny.json; or s3://bucket/key")
        String catalog;

        @Option(names = "--click-log", paramLabel = "URI", description = "click-log JSON file (creatives keyed by product id); or s3://bucket/key")
        String clickLog;

        @Option(names = "--min-impressions", paramLabel = "N", defaultValue = "1000",
                description = "a creative counts for pairs with more impressions than this (default: ${DEFAULT-VALUE})")
        long minImpressions;

        @Option(names = "--min-ratio", paramLabel = "R", defaultValue = "1.05",
                description = "smallest CTR ratio of a pair (default: ${DEFAULT-VALUE})")
        double minRatio;

        @Option(names = "--max-ratio", paramLabel = "R", defaultValue = "1.20",
                description = "largest CTR ratio of a pair (default: ${DEFAULT-VALUE})")
        double maxRatio;

        @Option(names = "--shard", paramLabel = "i/N", defaultValue = "0/1",
                description = "check the photos of shard i of N only, as 'caig generate --shard' deals them (every id is"
                        + " still checked for duplicates); without --click-log (default: ${DEFAULT-VALUE}, all)")
        String shard;

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
            boolean ok = StageRunner.withStore((store, work) -> report(new UserDataFiles(store, work), filter, out));
            out.flush();
            return ok ? 0 : CaigCommand.EXIT_USER_ERROR;
        }

        private boolean report(UserDataFiles files, PairFilter filter, PrintWriter out) {
            Shard part = Shard.parse(shard);
            if (clickLog == null) {
                return streamCatalog(files.catalog(catalog, "--catalog", part::owns), part, out);
            }
            if (!part.equals(Shard.WHOLE)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--shard checks a catalog alone; leave out --click-log");
            }
            UserDataFiles.Local catalogFile = files.catalog(catalog, "--catalog");
            Validated<Catalog> products = new CatalogReader().validate(catalogFile.file(), catalogFile.source());
            boolean ok = products.report().ok();
            out.println(ok ? catalog + ": " + products.value().size() + " products, no problems" : products.report().render());
            if (clickLog != null) {
                UserDataFiles.Local logFile = files.clickLog(clickLog, "--click-log");
                Validated<ClickLog> log = new ClickLogReader().validate(logFile.file(), logFile.source(), products);
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
            return ok;
        }

        /** The catalog alone, streamed: one entry in memory at a time, whatever the catalog's size. */
        private boolean streamCatalog(UserDataFiles.Local file, Shard part, PrintWriter out) {
            CatalogReader reader = new CatalogReader(new ProductImageLoader(), out::println);
            CatalogReader.Scan scan = reader.scan(file.file(), file.source());
            ValidationReport report = scan.report();
            int[] valid = {0};
            reader.stream(scan, part::owns, false, entry -> {
                if (entry.ok()) {
                    valid[0]++;
                } else {
                    entry.problems().forEach(p -> report.addFor(entry.id(), entry.where(), p));
                }
            });
            String scope = part.equals(Shard.WHOLE) ? "" : " in shard " + part + " (of " + scan.entries() + " entries)";
            out.println(report.ok() ? catalog + ": " + valid[0] + " products" + scope + ", no problems" : report.render());
            return report.ok();
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = {"Copy a catalog and click log, with every image they name, to a store prefix.",
                    "The prefix is s3://bucket/prefix (the embedded store in local mode). Image paths stay relative",
                    "to their JSON file. Validates first."})
    static final class Upload implements Callable<Integer> {
        @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "local catalog JSON file (or a folder holding catalog.json or tiny.json)")
        Path catalog;

        @Option(names = "--click-log", paramLabel = "FILE", description = "local click-log JSON file")
        Path clickLog;

        @Option(names = "--to", required = true, paramLabel = "URI", description = "target prefix, e.g. s3://caig/data/shop")
        String to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path catalogFile = CatalogReader.locate(catalog);
            TrainingData.load(catalogFile, clickLog); // every problem of both files, before anything is copied
            ArtifactUri target = ArtifactUri.parse(to);
            UserDataUpload.Result result;
            try (ArtifactStore store = ArtifactStores.open()) {
                result = new UserDataUpload(store).upload(catalogFile, clickLog, target);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("uploaded " + result.files() + " files to " + target);
            out.println("catalog:   " + result.catalog());
            if (result.clickLog() != null) {
                out.println("click log: " + result.clickLog());
            }
            out.flush();
            return 0;
        }
    }
}
