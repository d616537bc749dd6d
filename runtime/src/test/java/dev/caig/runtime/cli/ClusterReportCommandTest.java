package dev.caig.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.caig.runtime.ReadmeCommands;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import dev.caig.runtime.store.StoreSettings;

/**
 * README, "For platform teams", step 4: the exported variables are the store settings the runtime reads, and the
 * `caig pipeline ... --stage evaluate --export` line, run against a store where the evaluation is done, copies its
 * report without running anything (here the store is a local folder instead of the port-forwarded MinIO).
 */
class ClusterReportCommandTest {
    private static final String SECTION = "## For platform teams";

    @TempDir
    Path tmp;

    @Test
    void theExportedVariablesAreTheRuntimesStoreSettings() {
        String export = ReadmeCommands.starting(SECTION, "export ");
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : export.substring("export ".length()).split(" ")) {
            String[] kv = assignment.split("=", 2);
            env.put(kv[0], kv[1]);
        }
        StoreSettings settings = StoreSettings.from(env);
        assertEquals("http://127.0.0.1:9000", settings.endpoint());
        assertEquals(env.get("CAIG_S3_ACCESS_KEY"), settings.accessKey());
        assertEquals(env.get("CAIG_S3_SECRET_KEY"), settings.secretKey());
        String forward = ReadmeCommands.starting(SECTION, "kubectl port-forward ");
        assertTrue(forward.endsWith(" 9000:9000"), "the endpoint's port is the forwarded one: " + forward);
    }

    @Test
    void thePipelineLineOnlyDownloadsTheFinishedReport() throws Exception {
        String command = ReadmeCommands.starting(SECTION, "./caig pipeline ");
        List<String> args = new ArrayList<>(Arrays.asList(command.substring("./caig ".length()).split(" ")));
        // The same arguments, with the store's run prefix and the export folder moved into a temporary folder.
        Path run = tmp.resolve("run");
        Path export = tmp.resolve("export");
        int out = args.indexOf("--out");
        assertEquals("s3://caig/runs/quickstart", args.get(out + 1), "the quickstart sample's artifacts.bucket/prefix");
        args.set(out + 1, run.toString());
        args.set(args.indexOf("--export") + 1, export.toString());
        args.set(args.indexOf("--config") + 1, Path.of("..").resolve(args.get(args.indexOf("--config") + 1)).toString());

        Path report = tmp.resolve("evaluate");
        Files.createDirectories(report.resolve("figures"));
        Files.writeString(report.resolve("report.md"), "# Evaluation\nCTR lift +2.0 %\n");
        Files.writeString(report.resolve("figures/loss.png"), "png");
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            store.publish(report, ArtifactUri.local(run.resolve("evaluate")), "evaluation", "evaluate", Map.of(), Map.of());
        }

        // The pipeline command logs stages to System.err and names the report on System.out.
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        int exit;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = CaigCommand.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        assertEquals(0, exit, stderr.toString());
        assertTrue(stderr.toString().contains("caig: evaluate: already done"), stderr.toString());
        assertFalse(stderr.toString().contains("starting"), "nothing may run: " + stderr);
        assertEquals("# Evaluation\nCTR lift +2.0 %\n", Files.readString(export.resolve("report.md")));
        assertTrue(Files.exists(export.resolve("figures/loss.png")));
        assertTrue(printed.toString().contains("report: " + export.resolve("report.md").toAbsolutePath()), printed.toString());
    }
}
