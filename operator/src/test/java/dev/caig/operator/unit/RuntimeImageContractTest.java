package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.caig.operator.config.OperatorConfig;
import dev.caig.operator.runtimepod.RuntimePod;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import io.smallrye.config.WithDefault;

/**
 * The contract between the operator's pods and the runtime image: pods pass arguments only, so the image's entrypoint
 * must be the caig command line; they run as a numeric non-root user with one writable volume. Checked here on the
 * build files, without root or Docker; runtime-image/build-all.sh checks and runs the built images.
 */
class RuntimeImageContractTest {
    private static final Path ROOT = Path.of("..");
    private static final Path ENTRYPOINT = ROOT.resolve("runtime-image/runtime-root/opt/caig/bin/caig");
    private static final String JIB_CONFIGURATION = "/project/profiles/profile[id='image']/build/plugins"
            + "/plugin[artifactId='jib-maven-plugin']/configuration/";
    private static final String JIB = JIB_CONFIGURATION + "container/";

    @Test
    void theRuntimeImageRunsTheCliAsThePodsUserInThePodsWorkDir() throws Exception {
        Document pom = parse(ROOT.resolve("runtime/pom.xml"));
        assertEquals(RuntimePod.UID + ":" + RuntimePod.UID, text(pom, JIB + "user"));
        assertEquals(RuntimePod.WORK_DIR, text(pom, JIB + "workingDirectory"));
        assertEquals(RuntimePod.WORK_DIR, text(pom, JIB + "environment/CAIG_WORK_DIR"));
        assertEquals(List.of("/opt/caig/bin/caig"), texts(pom, JIB + "entrypoint/arg"));
        assertTrue(Files.isExecutable(ENTRYPOINT), ENTRYPOINT + " must be executable");
    }

    @Test
    void theBaseImageCreatesThePodsUserAndWorkDir() throws IOException {
        List<String> script = Files.readAllLines(ROOT.resolve("runtime-image/build-base.sh"));
        assertTrue(script.contains("uid=" + RuntimePod.UID), "build-base.sh: uid=" + RuntimePod.UID);
        assertTrue(script.contains("work_dir=" + RuntimePod.WORK_DIR), "build-base.sh: work_dir=" + RuntimePod.WORK_DIR);
        String dockerfile = Files.readString(ROOT.resolve("runtime-image/base.Dockerfile"));
        assertTrue(dockerfile.contains("useradd --uid " + RuntimePod.UID + " --gid " + RuntimePod.UID), "base.Dockerfile: user");
        assertTrue(dockerfile.contains("chown " + RuntimePod.UID + ":" + RuntimePod.UID + " " + RuntimePod.WORK_DIR),
                "base.Dockerfile: work dir owned by the pods' user");
    }

    @Test
    void theOperatorsDefaultRuntimeImageIsTheOneTheBuildTags() throws Exception {
        String built = builtRuntimeImage("image");
        assertEquals(built, operatorProperties().getProperty("caig.runtime-image"));
        assertEquals(built, OperatorConfig.class.getMethod("runtimeImage").getAnnotation(WithDefault.class).value());
    }

    @Test
    void theOperatorsDefaultGpuRuntimeImageIsTheOneTheCudaBuildTags() throws Exception {
        String built = builtRuntimeImage("cuda");
        assertTrue(built.endsWith("-cuda"), built);
        assertEquals(built, operatorProperties().getProperty("caig.runtime-image-gpu"));
        assertEquals(built, OperatorConfig.class.getMethod("runtimeImageGpu").getAnnotation(WithDefault.class).value());
    }

    @Test
    void theEntrypointPassesArgumentsIntactAndSetsOfflineModeThreadsAndOptions(@TempDir Path dir) throws Exception {
        List<String> java = runEntrypoint(dir, Map.of("CAIG_THREADS", "3", "CAIG_CUDART_DIR", "/opt/caig/cuda",
                "CAIG_JAVA_OPTS", "-Xmx2g -Dextra=1"), "pipeline", "--config", "/etc/caig/a b.yaml");
        assertEquals(List.of("-cp", "@/app/jib-classpath-file", "dev.caig.runtime.cli.Main", "pipeline", "--config",
                "/etc/caig/a b.yaml"), java.subList(java.size() - 6, java.size()));
        assertTrue(java.contains("-Dai.djl.offline=true"), java.toString());
        assertTrue(java.contains("-Dai.djl.pytorch.num_threads=3"), java.toString());
        assertTrue(java.contains("-Djna.library.path=/opt/caig/cuda"), java.toString());
        assertTrue(java.contains("-Djava.io.tmpdir=" + RuntimePod.WORK_DIR), "temp files go to the writable volume");
        assertTrue(java.indexOf("-Xmx2g") > java.indexOf("-XX:MaxRAMPercentage=50"), "CAIG_JAVA_OPTS come last and win");
        assertTrue(java.contains("-Dextra=1"), java.toString());
    }

    @Test
    void withoutSettingsTheEntrypointDerivesThreadsAndLoadsNoCudaLibrary(@TempDir Path dir) throws Exception {
        List<String> java = runEntrypoint(dir, Map.of(), "--version");
        String threads = java.stream().filter(a -> a.startsWith("-Dai.djl.pytorch.num_threads=")).findFirst().orElseThrow();
        assertTrue(Integer.parseInt(threads.substring(threads.indexOf('=') + 1)) >= 1, threads);
        assertFalse(java.stream().anyMatch(a -> a.startsWith("-Djna.library.path")), java.toString());
        assertEquals("--version", java.get(java.size() - 1));
        assertTrue(java.contains("-XX:+UseParallelGC"), "the throughput collector by default: " + java);
    }

    @Test
    void caigGcChoosesTheCollectorInsteadOfTheDefault(@TempDir Path dir) throws Exception {
        List<String> java = runEntrypoint(dir, Map.of("CAIG_GC", "G1"), "--version");
        assertTrue(java.contains("-XX:+UseG1GC"), java.toString());
        assertFalse(java.contains("-XX:+UseParallelGC"), "two collectors would stop the JVM: " + java);
    }

    @Test
    void anUnknownCollectorStopsWithAMessageBeforeTheJvmStarts(@TempDir Path dir) throws Exception {
        Process process = startEntrypoint(dir, Map.of("CAIG_GC", "parallel"), "--version");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("CAIG_GC=parallel is not a garbage collector"), out);
        assertFalse(out.contains("-XX:"), "java must not run: " + out);
    }

    @Test
    void theEntrypointKeepsFreedTrainingMemoryInTheProcessAsTheLauncherDoes(@TempDir Path dir) throws Exception {
        runEntrypoint(dir, Map.of(), "--version");
        assertEquals("1", Files.readString(dir.resolve("malloc-arena-max")));
        runEntrypoint(dir, Map.of("MALLOC_ARENA_MAX", "4"), "--version");
        assertEquals("4", Files.readString(dir.resolve("malloc-arena-max")), "a pod's own setting wins");
    }

    @Test
    void theSmokeRunsPipelineConfigLoadsInTheRuntime() {
        assertEquals("smoke", PipelineConfigLoader.load(ROOT.resolve("runtime-image/smoke/pipeline.yaml")).name());
    }

    /**
     * The runtime image's name as Jib tags it: the image profile's {@code to/image}, with the parent pom's registry
     * and tag and the suffix that the given profile sets ({@code image}: none; {@code cuda}: the CUDA build's).
     */
    private static String builtRuntimeImage(String suffixProfile) throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document runtime = parse(ROOT.resolve("runtime/pom.xml"));
        String template = text(runtime, JIB_CONFIGURATION + "to/image");
        assertEquals("${caig.image.registry}/caig-runtime:${caig.image.tag}${caig.image.suffix}", template);
        return template.replace("${caig.image.registry}", text(parent, "/project/properties/caig.image.registry"))
                .replace("${caig.image.tag}", text(parent, "/project/properties/caig.image.tag"))
                .replace("${caig.image.suffix}",
                        text(runtime, "/project/profiles/profile[id='" + suffixProfile + "']/properties/caig.image.suffix"));
    }

    private static Properties operatorProperties() throws IOException {
        Properties operator = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            operator.load(in);
        }
        return operator;
    }

    /** Runs the image's entrypoint script with a stand-in `java` that prints its arguments, one per line. */
    private static List<String> runEntrypoint(Path dir, Map<String, String> env, String... args) throws Exception {
        Process process = startEntrypoint(dir, env, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }

    private static Process startEntrypoint(Path dir, Map<String, String> env, String... args) throws Exception {
        Path fakeJava = dir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
                + "printf '%s' \"$MALLOC_ARENA_MAX\" > '" + dir.resolve("malloc-arena-max") + "'\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", ENTRYPOINT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CAIG_"));
        builder.environment().put("PATH", dir + ":/usr/bin:/bin");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static String text(Document doc, String path) throws Exception {
        List<String> found = texts(doc, path);
        assertEquals(1, found.size(), path);
        return found.get(0);
    }

    private static List<String> texts(Document doc, String path) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList nodes = (NodeList) xpath.evaluate(path, doc, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            texts.add(node.getTextContent().trim());
        }
        return texts;
    }
}
