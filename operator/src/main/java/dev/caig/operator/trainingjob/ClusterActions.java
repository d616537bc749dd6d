package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The only writer of stage Jobs and the pipeline ConfigMap. Create is idempotent: an existing Job is adopted. */
public class ClusterActions {
    private static final int CONFLICT = 409;

    public void ensureConfigMap(KubernetesClient client, AdImageTrainingJob job, Optional<ConfigMap> existing) {
        ConfigMap desired = ConfigMapFactory.desired(job);
        if (existing.isEmpty()) {
            try {
                client.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
            }
        } else if (!Objects.equals(existing.get().getData(), desired.getData())) {
            // Only stages not started yet see the change: running pods read the file at start.
            client.configMaps().inNamespace(job.getMetadata().getNamespace())
                    .withName(desired.getMetadata().getName()).edit(cm -> {
                        cm.setData(desired.getData());
                        return cm;
                    });
        }
    }

    /** Carries out the driver's actions; returns the Jobs as they are now. */
    public List<Job> apply(KubernetesClient client, AdImageTrainingJob job, PipelinePlan plan, PipelineDriver.Actions actions,
            OperatorSettings settings) {
        List<Job> changed = new ArrayList<>();
        String ns = job.getMetadata().getNamespace();
        for (PlannedStage stage : actions.create()) {
            Job desired = StageJobFactory.desired(job, plan, stage, settings);
            try {
                changed.add(client.resource(desired).create());
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
            changed.add(client.batch().v1().jobs().inNamespace(ns).withName(j.getMetadata().getName()).edit(x -> {
                x.getSpec().setSuspend(true);
                x.getMetadata().getAnnotations().put(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION, "true");
                return x;
            }));
        }
        for (Job j : actions.resume()) {
            // Queued Jobs go back to Kueue, which suspends them again until it re-admits them.
            changed.add(client.batch().v1().jobs().inNamespace(ns).withName(j.getMetadata().getName()).edit(x -> {
                x.getSpec().setSuspend(false);
                x.getMetadata().getAnnotations().remove(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION);
                return x;
            }));
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
