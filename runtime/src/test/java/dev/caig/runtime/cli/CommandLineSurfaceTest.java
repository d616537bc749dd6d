package dev.caig.runtime.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a new user sees first: command summaries in {@code caig --help}, and no GPU warning on a CPU machine. */
class CommandLineSurfaceTest {

    /** The command list shows each command's first description line alone: it must be a whole sentence. */
    @Test
    void everyCommandSummaryIsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        collect(CaigCommand.commandLine(), cut);
        assertEquals(List.of(), cut, "summaries cut mid-sentence");
    }

    private static void collect(CommandLine command, List<String> cut) {
        for (CommandLine sub : command.getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (description.length > 0 && !description[0].strip().endsWith(".")) {
                cut.add(sub.getCommandSpec().qualifiedName() + ": " + description[0]);
            }
            collect(sub, cut);
        }
    }

    @Test
    void gpuIsRequestedOnlyByTheCudaImageOrGrantedDevices() {
        assertFalse(GpuProbeLogging.gpuRequested(Map.of()));
        assertFalse(GpuProbeLogging.gpuRequested(Map.of("NVIDIA_VISIBLE_DEVICES", "void")));
        assertFalse(GpuProbeLogging.gpuRequested(Map.of("CUDA_VISIBLE_DEVICES", "-1")));
        assertFalse(GpuProbeLogging.gpuRequested(Map.of("CAIG_CUDART_DIR", " ")));
        assertTrue(GpuProbeLogging.gpuRequested(Map.of("CAIG_CUDART_DIR", "/opt/caig/cuda")));
        assertTrue(GpuProbeLogging.gpuRequested(Map.of("NVIDIA_VISIBLE_DEVICES", "0,1")));
        assertTrue(GpuProbeLogging.gpuRequested(Map.of("CUDA_VISIBLE_DEVICES", "0")));
    }
}
