package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.runtimepod.JobSuspension;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Decides what to change in the cluster: which stage Jobs to create, suspend, resume or stop. Pure. */
public final class PipelineDriver {

    /**
     * @param suspend unfinished Jobs without a Kueue queue to suspend (spec.suspend)
     * @param stop    unfinished Jobs to delete: another stage failed for good (fail fast: free their nodes), or
     *                spec.suspend stops a Kueue Job (Kueue owns its .spec.suspend; it is made again on resume)
     */
    public record Actions(List<PlannedStage> create, List<Job> suspend, List<Job> resume, List<Job> stop) {
        public boolean none() {
            return create.isEmpty() && suspend.isEmpty() && resume.isEmpty() && stop.isEmpty();
        }
    }

    private PipelineDriver() {
    }

    public static Actions decide(AdImageTrainingJob job, PipelinePlan plan, Map<Stage, StageObservation> observed,
            Map<String, Job> jobsByName) {
        boolean suspend = RuntimeDefaults.suspended(job.getSpec());
        boolean failed = observed.values().stream().anyMatch(o -> o.state() == StageState.Failed);
        List<PlannedStage> create = new ArrayList<>();
        if (!suspend && !failed) {
            for (PlannedStage stage : plan.stages()) {
                if (observed.get(stage.stage()).state() == StageState.Pending
                        && stage.dependsOn().stream().allMatch(d -> plan.find(d).isEmpty() || observed.get(d).done())) {
                    create.add(stage);
                }
            }
        }
        List<Job> toSuspend = new ArrayList<>();
        List<Job> toResume = new ArrayList<>();
        List<Job> toStop = new ArrayList<>();
        for (Job j : jobsByName.values()) {
            if (finished(j)) {
                continue;
            }
            if (failed) {
                toStop.add(j);
                continue;
            }
            switch (JobSuspension.decide(j, suspend)) {
                case SUSPEND -> toSuspend.add(j);
                case RESUME -> toResume.add(j);
                case DELETE -> toStop.add(j);
                case NONE -> {
                }
            }
        }
        return new Actions(create, toSuspend, toResume, toStop);
    }

    static boolean finished(Job j) {
        return j.getStatus() != null && j.getStatus().getConditions() != null && j.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }
}
