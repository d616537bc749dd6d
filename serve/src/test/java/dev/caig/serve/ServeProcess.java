package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service (target/quarkus-app) started as `caig serve` starts it, a process of its own on a free
 * loopback port, on tiny models. Its output goes to a log file that the tests read.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private ServeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Publishes tiny models under {@code dir} and starts the service on them with {@code flags}; waits until ready. */
    static ServeProcess startReady(Path dir, String... flags) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        return startReady(dir, models, flags);
    }

    static ServeProcess startReady(Path dir, ServeFixtures.Artifacts models, String... flags) throws Exception {
        ServeProcess p = start(dir, models, flags);
        p.awaitReady();
        return p;
    }

    static ServeProcess start(Path dir, ServeFixtures.Artifacts models, String... flags) throws IOException, InterruptedException {
        String app = System.getProperty("caig.serve.app", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-jar", app, "--policy", models.policyUri(), "--reward", models.rewardUri(), "--bind", "127.0.0.1",
                "--port", "0"));
        if (!List.of(flags).contains("--render-size")) {
            command.addAll(List.of("--render-size", "64"));
        }
        command.addAll(List.of(flags));
        Path log = dir.resolve("serve-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CAIG_SHUTDOWN_DELAY", "1s");
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(read(log));
            if (m.find()) {
                return new ServeProcess(process, log, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + read(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not open its port within 90 s:\n" + read(log));
    }

    void awaitReady() throws Exception {
        ServeClient client = client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (client.get("/q/health/ready").statusCode() == 200) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service was not ready within 90 s:\n" + log());
    }

    int port() {
        return port;
    }

    ServeClient client() {
        return new ServeClient(port);
    }

    Process process() {
        return process;
    }

    String log() {
        return read(log);
    }

    /** SIGTERM, as the kubelet sends it. */
    void terminate() {
        process.destroy();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
