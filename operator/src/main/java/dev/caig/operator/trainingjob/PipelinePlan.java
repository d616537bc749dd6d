package dev.caig.operator.trainingjob;

import java.util.List;
import java.util.Optional;

/** The stages a training job runs, in display order, and the URI all its artifacts live under. */
public record PipelinePlan(String outUri, List<PlannedStage> stages) {
    public PipelinePlan {
        stages = List.copyOf(stages);
    }

    public Optional<PlannedStage> find(Stage stage) {
        return stages.stream().filter(s -> s.stage() == stage).findFirst();
    }
}
