package dev.caig.runtime.cli;

import dev.caig.runtime.store.ArtifactListing;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoredFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code caig artifact show|ls URI}: look at artifacts in S3 or a local folder. */
@Command(name = "artifact", mixinStandardHelpOptions = true,
        description = "Inspect artifacts (s3://bucket/prefix or a local folder).",
        subcommands = {ArtifactCommand.Show.class, ArtifactCommand.Ls.class})
public final class ArtifactCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'caig artifact --help'");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the manifest.json of an artifact and its digest.")
    static final class Show implements Runnable {
        @Parameters(paramLabel = "URI", description = "s3://bucket/prefix, file:/path or a local folder")
        String uri;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ArtifactUri artifact = ArtifactUri.parse(uri);
            try (ArtifactStore store = ArtifactStores.open()) {
                ArtifactManifest manifest = store.requireManifest(artifact);
                PrintWriter out = spec.commandLine().getOut();
                out.println(manifest.toJson().stripTrailing());
                out.println("digest: " + manifest.digest());
                out.flush();
            }
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = {"List the artifacts under a prefix or folder, one line each.",
                    "Columns: path, kind, producer, created, files and size. --files lists every file with its size."})
    static final class Ls implements Runnable {
        @Parameters(paramLabel = "URI", description = "s3://bucket/prefix, file:/path or a local folder")
        String uri;

        @Option(names = "--files", description = "List every file (relative path and bytes) instead of the artifacts.")
        boolean files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ArtifactUri prefix = ArtifactUri.parse(uri);
            try (ArtifactStore store = ArtifactStores.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<StoredFile> listed = store.listFiles(prefix);
                if (files) {
                    listed.forEach(f -> out.println(f.path() + "\t" + f.size()));
                } else {
                    printArtifacts(store, prefix, ArtifactListing.of(listed), out);
                }
                out.flush();
            }
        }

        private static void printArtifacts(ArtifactStore store, ArtifactUri prefix, ArtifactListing listing, PrintWriter out) {
            for (ArtifactListing.Entry a : listing.artifacts()) {
                ArtifactUri at = a.path().isEmpty() ? prefix : prefix.resolve(a.path());
                String columns = store.manifest(at)
                        .map(m -> m.kind() + "\t" + m.producer() + "\t" + m.created())
                        .orElse("?\t?\t?"); // the manifest vanished between listing and reading
                out.println((a.path().isEmpty() ? "." : a.path()) + "\t" + columns + "\t" + a.files() + " files\t"
                        + humanBytes(a.bytes()));
            }
            if (!listing.looseFiles().isEmpty()) {
                long bytes = listing.looseFiles().stream().mapToLong(f -> Math.max(0, f.size())).sum();
                out.println("(" + listing.looseFiles().size() + " files in no artifact, " + humanBytes(bytes)
                        + "; --files lists them)");
            }
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
