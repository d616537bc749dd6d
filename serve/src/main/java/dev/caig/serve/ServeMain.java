package dev.caig.serve;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.cli.GpuProbeLogging;
import dev.caig.runtime.cli.ServeCommand;
import dev.caig.runtime.serve.ServeOptions;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * {@code caig serve}: reads the same flags as ever (the runtime's {@link ServeCommand} defines them), turns the
 * HTTP ones into Quarkus settings, then runs the service until SIGTERM. A bad flag ends the process with exit code
 * 2 and one line, before anything starts.
 */
@QuarkusMain
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String... args) {
        ServeCommand command = new ServeCommand();
        CommandLine cli = new CommandLine(command).setCommandName("caig serve");
        ServeOptions options;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return;
            }
            options = command.options();
        } catch (CommandLine.ParameterException | CaigException e) {
            System.err.println("caig serve: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ServeSettings.apply(options, command.renderChoice());
        if (command.logJson()) {
            System.setProperty("quarkus.log.console.json.enabled", "true");
        }
        // DJL's GPU probe warns on machines with the CUDA library but no GPU: news only when a GPU was asked for.
        System.setProperty("quarkus.log.category.\"ai.djl.util.cuda\".level",
                GpuProbeLogging.gpuRequested(System.getenv()) ? "WARN" : "ERROR");
        Quarkus.run(Service.class, args);
    }

    /** Waits for SIGTERM; Quarkus then drains (application.properties, quarkus.shutdown.*). */
    public static final class Service implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
