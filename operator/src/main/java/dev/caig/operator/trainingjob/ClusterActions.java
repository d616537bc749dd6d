package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.JobSuspension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The only writer of stage Jobs and the pipeline ConfigMap. Create is idempotent: an existing Job is adopted. Creates
 * go through JOSDK's ResourceOperations: the new object is in the informer cache for the next reconcile, and the watch
 * event of this very create does not start another reconcile (a later change of the object still does).
 */
public class ClusterActions {
    private static final int CONFLICT = 409;

    /**
     * The run's pinned config: the ConfigMap written when the run started, never rewritten (a later spec change does
     * not reach stages that have not started yet, nor retries of running ones). Empty when the ConfigMap exists but
     * the informer has not seen it yet (the caller tries again shortly).
     */
    public Optional<ConfigMap> pinConfig(Context<AdImageTrainingJob> context, AdImageTrainingJob job) {
        Optional<ConfigMap> existing = context.getSecondaryResource(ConfigMap.class);
        if (existing.isPresent()) {
            return existing;
        }
        try {
            return Optional.of(context.resourceOperations().create(ConfigMapFactory.desired(job)));
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Carries out the driver's actions; returns the Jobs as they are now. */
    public List<Job> apply(Context<AdImageTrainingJob> context, AdImageTrainingJob job, PipelinePlan plan,
            PipelineDriver.Actions actions, OperatorSettings settings, String configHash) {
        KubernetesClient client = context.getClient();
        List<Job> changed = new ArrayList<>();
        String ns = job.getMetadata().getNamespace();
        for (PlannedStage stage : actions.create()) {
            Job desired = StageJobFactory.desired(job, plan, stage, settings);
            desired.getMetadata().getAnnotations().put(ResourceNames.CONFIG_HASH_ANNOTATION, configHash);
            try {
                changed.add(context.resourceOperations().create(desired));
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
                // The informer cache lagged behind an earlier create (e.g. right after a restart): adopt it.
                Job existing = client.batch().v1().jobs().inNamespace(ns).withName(desired.getMetadata().getName()).get();
                if (existing != null) {
                    changed.add(existing);
                }
            }
        }
        for (Job j : actions.suspend()) {
            JobSuspension.apply(client, j, JobSuspension.Change.SUSPEND).ifPresent(changed::add);
        }
        for (Job j : actions.resume()) {
            // Only Jobs without a queue: a Kueue Job's .spec.suspend is Kueue's (KueueJobs).
            JobSuspension.apply(client, j, JobSuspension.Change.RESUME).ifPresent(changed::add);
        }
        for (Job j : actions.stop()) {
            // Deleting (never suspending) ends a Kueue workload the Kueue way: Kueue releases its quota.
            JobSuspension.apply(client, j, JobSuspension.Change.DELETE);
        }
        return changed;
    }

    /** Owner references let the API server collect these too; deleting them here does not wait for the GC. */
    public void deleteOwned(KubernetesClient client, AdImageTrainingJob job) {
        String ns = job.getMetadata().getNamespace();
        client.batch().v1().jobs().inNamespace(ns)
                .withLabel(ResourceNames.TRAINING_JOB_LABEL, ResourceNames.labelValue(job.getMetadata().getName()))
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        client.configMaps().inNamespace(ns).withName(ResourceNames.pipelineConfig(job.getMetadata().getName())).delete();
    }
}
