package dev.caig.operator.trainingjob;

import java.util.List;

/** One node of the pipeline DAG: what it waits for and where its artifact is (given or to be made). */
public record PlannedStage(Stage stage, List<Stage> dependsOn, String artifactUri, boolean skipped) {
    public PlannedStage {
        dependsOn = List.copyOf(dependsOn);
    }
}
