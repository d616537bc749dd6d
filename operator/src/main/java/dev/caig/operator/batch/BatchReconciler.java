package dev.caig.operator.batch;

import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.SpecProblem;
import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.events.EventRecorder.Type;
import dev.caig.operator.events.Reason;
import dev.caig.operator.generator.ModelResolution;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.store.StoreScope;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.JobSuspension;
import dev.caig.operator.status.StatusComparison;
import dev.caig.operator.validation.BatchValidator;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Orchestrates one AdImageBatch: wait for its model, run the generation as an Indexed Job (one completion per
 * shard), then the merge Job; status sums the shards' progress. The Jobs are created once and never updated (a Job's
 * pod template is immutable); spec.suspend suspends and resumes the running Job (a Kueue Job is deleted and made
 * again: Kueue owns its .spec.suspend).
 */
@ControllerConfiguration(name = BatchReconciler.NAME)
public class BatchReconciler implements Reconciler<AdImageBatch> {
    public static final String NAME = "adimagebatch";
    private static final int CONFLICT = 409;

    private final BatchValidator validator;
    private final ModelResolver resolver;
    private final BatchProgress progress;
    private final BatchStatusBuilder statusBuilder;
    private final EventRecorder events;
    private final OperatorSettings settings;
    private final TrainingJobFeed trainingJobFeed;

    @Inject
    public BatchReconciler(BatchValidator validator, ModelResolver resolver, BatchProgress progress,
                           BatchStatusBuilder statusBuilder, EventRecorder events, OperatorSettings settings, TrainingJobFeed trainingJobFeed) {
        this.validator = validator;
        this.resolver = resolver;
        this.progress = progress;
        this.statusBuilder = statusBuilder;
        this.events = events;
        this.settings = settings;
        this.trainingJobFeed = trainingJobFeed;
    }

    @Override
    public List<EventSource<?, AdImageBatch>> prepareEventSources(EventSourceContext<AdImageBatch> context) {
        return BatchEventSources.create(context, trainingJobFeed);
    }

    @Override
    public UpdateControl<AdImageBatch> reconcile(AdImageBatch batch, Context<AdImageBatch> context) {
        AdImageBatchStatus before = StatusComparison.copy(batch.getStatus(), AdImageBatchStatus.class);
        Optional<SpecProblem> invalid = validator.problem(batch);
        if (invalid.isPresent()) {
            return finish(batch, context, before, statusBuilder.invalid(batch, invalid.get()));
        }
        String name = batch.getMetadata().getName();
        Optional<Job> generate = job(context, ResourceNames.batchJob(name, BatchJobFactory.GENERATE));
        Optional<Job> merge = job(context, ResourceNames.batchJob(name, BatchJobFactory.MERGE));
        FinishedJobs finished = FinishedJobs.of(before, generate, merge);
        if (finished.batchEnded()) {
            // Both Jobs ended and are gone (ttlSecondsAfterFinished): the status keeps what they reported.
            return finish(batch, context, before, statusBuilder.kept(batch, before));
        }
        ModelResolution resolution = resolver.resolve(batch.getMetadata().getNamespace(), batch.getSpec().getModel(),
                batch.getSpec().getStore(), context.getSecondaryResource(AdImageTrainingJob.class));
        if (resolution.model().isEmpty()) {
            return finish(batch, context, before, statusBuilder.waiting(batch, resolution.waitingMessage()))
                    .rescheduleAfter(settings.progressInterval());
        }
        // Once created, the Jobs keep the model they were made with: a newer model does not touch a running batch.
        ResolvedModel model = resolution.model().get();
        KubernetesClient client = context.getClient();
        // A suspended Kueue batch has no unfinished Job (deleted to stop it): it is made again on resume.
        boolean mayCreate = !(Boolean.TRUE.equals(batch.getSpec().getSuspend()) && batch.getSpec().getQueueName() != null);
        if (generate.isPresent()) {
            generate = syncSuspend(client, batch, generate.get());
        } else if (!finished.generateEnded() && mayCreate) {
            generate = Optional.of(create(client, BatchJobFactory.generate(batch, model, settings)));
        }
        boolean generated = finished.generateEnded() || BatchJobs.complete(generate);
        if (merge.isPresent()) {
            merge = syncSuspend(client, batch, merge.get());
        } else if (generated && mayCreate) {
            merge = Optional.of(create(client, BatchJobFactory.merge(batch, model, settings)));
        }
        AdImageBatchStatus after = statusBuilder.observed(batch, model, generate, merge, finished,
                progress.read(StoreScope.of(batch, model.store()), batch.getSpec()));
        UpdateControl<AdImageBatch> control = finish(batch, context, before, after);
        boolean running = after.getPhase() == BatchPhase.Generating || after.getPhase() == BatchPhase.Merging;
        return running ? control.rescheduleAfter(settings.progressInterval()) : control;
    }

    private static Optional<Job> job(Context<AdImageBatch> context, String name) {
        return context.getSecondaryResources(Job.class).stream().filter(j -> name.equals(j.getMetadata().getName())).findFirst();
    }

    private static Job create(KubernetesClient client, Job desired) {
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
            // the informer cache lagged behind an earlier create: adopt the Job that is there
            return client.batch().v1().jobs().inNamespace(desired.getMetadata().getNamespace())
                    .withName(desired.getMetadata().getName()).get();
        }
    }

    /**
     * spec.suspend suspends a running Job and resumes one the operator suspended; a Kueue Job is deleted instead
     * (Kueue owns its .spec.suspend) and made again on resume, its shards resuming what they had written.
     */
    private static Optional<Job> syncSuspend(KubernetesClient client, AdImageBatch batch, Job job) {
        boolean finished = BatchJobs.complete(Optional.of(job)) || BatchJobs.failed(Optional.of(job)).isPresent();
        if (finished) {
            return Optional.of(job);
        }
        return JobSuspension.apply(client, job, JobSuspension.decide(job, Boolean.TRUE.equals(batch.getSpec().getSuspend())));
    }

    private UpdateControl<AdImageBatch> finish(AdImageBatch batch, Context<AdImageBatch> context, AdImageBatchStatus before,
            AdImageBatchStatus after) {
        if (StatusComparison.same(before, after)) {
            return UpdateControl.noUpdate();
        }
        // the status first, then the event that explains it (see TrainingJobReconciler.finish)
        PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(batch, context, r -> {
            r.setStatus(after);
            return r;
        });
        BatchPhase was = before == null ? null : before.getPhase();
        if (after.getPhase() != was) {
            recordTransition(batch, after);
        }
        return UpdateControl.noUpdate();
    }

    private void recordTransition(AdImageBatch batch, AdImageBatchStatus after) {
        switch (after.getPhase()) {
            case Invalid -> events.record(batch, Type.Warning, Reason.ofRefusal(Conditions.find(after.getConditions(),
                    Conditions.INVALID_SPEC).map(c -> c.getReason()).orElse(null)), after.getMessage());
            case WaitingForModel -> events.record(batch, Type.Normal, Reason.WaitingForModel, after.getMessage());
            case Generating -> events.record(batch, Type.Normal, Reason.BatchGenerating, "generating " + after.getShards()
                    + " shards with Job " + after.getGenerateJob());
            case Merging -> events.record(batch, Type.Normal, Reason.BatchMerging, after.getMessage());
            case Succeeded -> events.record(batch, Type.Normal, Reason.BatchSucceeded, after.getMessage());
            case Failed -> events.record(batch, Type.Warning, Reason.BatchFailed, after.getMessage());
            case Suspended -> events.record(batch, Type.Normal, Reason.Suspended, after.getMessage());
        }
    }

    @Override
    public ErrorStatusUpdateControl<AdImageBatch> updateErrorStatus(AdImageBatch batch, Context<AdImageBatch> context, Exception e) {
        events.record(batch, Type.Warning, Reason.Error, "reconcile failed (will retry): " + e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
