package dev.caig.runtime.cli;

import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

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
            description = "List every file under a prefix or folder, one relative path a line.")
    static final class Ls implements Runnable {
        @Parameters(paramLabel = "URI", description = "s3://bucket/prefix, file:/path or a local folder")
        String uri;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ArtifactUri prefix = ArtifactUri.parse(uri);
            try (ArtifactStore store = ArtifactStores.open()) {
                PrintWriter out = spec.commandLine().getOut();
                store.list(prefix).forEach(out::println);
                out.flush();
            }
        }
    }
}
