package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.render.diffusion.RendererSpec;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code caig renderer import}: publish an exported diffusion renderer as an artifact. */
@Command(name = "renderer", mixinStandardHelpOptions = true,
        description = "Diffusion renderers (SD1.5 + canny ControlNet exported by tools/diffusion/export_sd15_controlnet.py).",
        subcommands = {RendererCommand.Import.class})
public final class RendererCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'caig renderer --help'");
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Checks an exported renderer folder and publishes it as a diffusion-renderer artifact.",
                    "Checks: renderer.json is valid, the tokenizer is present, every TorchScript module loads and returns",
                    "the shapes renderer.json promises on a small CPU call. The artifact (manifest + sha256 of every",
                    "file) is what --renderer URI and render.model name."})
    static final class Import implements Runnable {
        @Option(names = "--from", required = true, paramLabel = "DIR", description = "The exported folder.")
        Path from;

        @Option(names = "--to", required = true, paramLabel = "URI", description = "Where the artifact goes (s3://bucket/prefix or a folder).")
        String to;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            if (!Files.isDirectory(from)) {
                throw new CaigException(from + ": not a folder (give the folder the export wrote)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("checking " + from + " ...");
            out.flush();
            RendererSpec checked = DiffusionRenderers.check(from);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", checked.name());
            config.put("imageSize", checked.imageSize());
            config.put("textHidden", checked.textHidden());
            config.put("scheduler", checked.scheduler());
            config.put("from", from.toAbsolutePath().normalize().toString());
            ArtifactUri target = ArtifactUri.parse(to);
            try (ArtifactStore store = ArtifactStores.open()) {
                ArtifactManifest manifest = store.publish(from, target, DiffusionRenderers.KIND, "renderer-import",
                        config, Map.of());
                out.println("published " + checked.name() + " to " + target + " (" + manifest.files().size()
                        + " files, manifest " + manifest.digest() + ")");
            }
            out.flush();
        }
    }
}
