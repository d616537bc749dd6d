package dev.caig.runtime.cli;

import dev.caig.runtime.generate.BatchGenerator;
import dev.caig.runtime.generate.GenerationManifest;
import dev.caig.runtime.generate.ShardMerger;
import dev.caig.runtime.generate.StoreOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code caig generate merge}: one manifest and contact sheet over the outputs of a sharded batch. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the finished shards of one batch (caig generate --shard i/N) into one manifest.",
                "Writes manifest.json and manifest.csv (products and skipped entries in catalog order, totals) and a",
                "contact sheet of the first products. The ads stay where the shards wrote them; the manifest points at them."})
public final class GenerateMergeCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, arity = "1..*", paramLabel = "URI",
            description = "The output of every shard (folder or s3:// prefix), in any order.")
    List<String> from;

    @Option(names = "--out", required = true, paramLabel = "URI",
            description = "Where the merged manifest goes (folder or s3:// prefix; often the one holding the shards).")
    String out;

    @Option(names = "--sheet-products", defaultValue = "24", paramLabel = "N",
            description = "Products on the contact sheet, the first ones (default: ${DEFAULT-VALUE}).")
    int sheetProducts;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        GenerationManifest.Totals totals = StageRunner.withStore((store, work) -> new ShardMerger(Math.max(0, sheetProducts))
                .merge(from.stream().map(uri -> StoreOutput.open(store, uri, work)).toList(), StoreOutput.open(store, out, work)));
        spec.commandLine().getOut().printf("merged %d shards: %d products generated, %d skipped; %s, %s, %s in %s%n",
                from.size(), totals.generated(), totals.skipped(), GenerationManifest.JSON_FILE,
                GenerationManifest.CSV_FILE, BatchGenerator.CONTACT_SHEET, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
