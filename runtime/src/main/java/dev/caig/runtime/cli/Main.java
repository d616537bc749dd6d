package dev.caig.runtime.cli;

import picocli.CommandLine;

/** Entry point of the {@code caig} command line; the exit code is what a Kubernetes Job sees. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        GpuProbeLogging.quietUnlessGpuRequested();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code, without exiting the JVM (for tests and the operator's e2e test). */
    public static int run(String... args) {
        return CaigCommand.commandLine().execute(args);
    }
}
