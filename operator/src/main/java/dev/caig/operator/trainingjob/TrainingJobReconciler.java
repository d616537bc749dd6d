package dev.caig.operator.trainingjob;

import dev.caig.operator.validation.SpecProblem;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.events.Reason;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.status.StatusComparison;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import jakarta.inject.Inject;

/**
 * Orchestrates one AdImageTrainingJob: validate, observe the stage Jobs, act (create / suspend / resume / stop), then
 * write a status built from scratch and, once it is stored, the events that explain it. The decisions live in PipelineDriver, the status in TrainingStatusBuilder.
 */
@ControllerConfiguration(name = TrainingJobReconciler.NAME)
// A failed reconcile (store or API server down) is retried for as long as it fails, backing off to 5 minutes.
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public class TrainingJobReconciler implements Reconciler<AdImageTrainingJob>, Cleaner<AdImageTrainingJob> {
    public static final String NAME = "adimagetrainingjob";
    private static final Logger LOG = Logger.getLogger(TrainingJobReconciler.class);
    private static final java.time.Duration PIN_RETRY = java.time.Duration.ofSeconds(1);

    private final TrainingJobValidator validator;
    private final TrainingStatusBuilder statusBuilder;
    private final ArtifactVerifier verifier;
    private final ClusterActions cluster;
    private final ArtifactCleanup cleanup;
    private final EventRecorder events;
    private final OperatorSettings settings;

    @Inject
    public TrainingJobReconciler(TrainingJobValidator validator, ArtifactVerifier verifier,
            TrainingStatusBuilder statusBuilder, ClusterActions cluster, ArtifactCleanup cleanup, EventRecorder events,
            OperatorSettings settings) {
        this.validator = validator;
        this.verifier = verifier;
        this.statusBuilder = statusBuilder;
        this.cluster = cluster;
        this.cleanup = cleanup;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public List<EventSource<?, AdImageTrainingJob>> prepareEventSources(EventSourceContext<AdImageTrainingJob> context) {
        return TrainingJobEventSources.create(context);
    }

    @Override
    public UpdateControl<AdImageTrainingJob> reconcile(AdImageTrainingJob job, Context<AdImageTrainingJob> context)
            throws Exception {
        AdImageTrainingJobStatus before = StatusComparison.copy(job.getStatus(), AdImageTrainingJobStatus.class);
        Optional<SpecProblem> invalid = validator.problem(job);
        if (invalid.isPresent()) {
            AdImageTrainingJobStatus status = statusBuilder.invalid(job, invalid.get());
            if (context.getSecondaryResource(ConfigMap.class).isPresent()) {
                // The run had started: its Jobs keep running, so their stages stay tracked (nothing new starts).
                PipelinePlan plan = PipelinePlanner.plan(job);
                Map<Stage, StageObservation> observed = observe(job, plan, jobsByName(context), podsByStage(context));
                status.setStages(statusBuilder.build(job, plan, observed, verifier.verify(job, plan, observed)).getStages());
            }
            return finish(job, context, before, status);
        }
        PipelinePlan plan = PipelinePlanner.plan(job);
        Optional<ConfigMap> pinned = cluster.pinConfig(context, job);
        if (pinned.isEmpty()) {
            return UpdateControl.<AdImageTrainingJob>noUpdate().rescheduleAfter(PIN_RETRY);
        }
        RunConfig config = RunConfig.of(pinned.get(), job);
        Map<String, Job> jobs = jobsByName(context);
        Map<String, List<Pod>> pods = podsByStage(context);
        Map<Stage, StageObservation> observed = observe(job, plan, jobs, pods);
        Map<Stage, ArtifactVerifier.Verified> verified = verifier.verify(job, plan, observed);
        PipelineDriver.Actions actions = PipelineDriver.decide(job, plan, observed, jobs);
        if (!actions.none()) {
            cluster.apply(context, job, plan, actions, settings, config.hash()).forEach(j -> jobs.put(j.getMetadata().getName(), j));
            actions.stop().forEach(j -> jobs.remove(j.getMetadata().getName()));
            observed = observe(job, plan, jobs, pods);
            verified = verifier.verify(job, plan, observed);
        }
        AdImageTrainingJobStatus after = statusBuilder.build(job, plan, observed, verified);
        statusBuilder.recordConfig(job, after, config, jobs);
        return finish(job, context, before, after);
    }

    private static Map<String, Job> jobsByName(Context<AdImageTrainingJob> context) {
        return context.getSecondaryResources(Job.class).stream()
                .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j, (a, b) -> a, HashMap::new));
    }

    private static Map<String, List<Pod>> podsByStage(Context<AdImageTrainingJob> context) {
        return context.getSecondaryResources(Pod.class).stream()
                .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().getOrDefault(ResourceNames.STAGE_LABEL, "")));
    }

    private static Map<Stage, StageObservation> observe(AdImageTrainingJob job, PipelinePlan plan, Map<String, Job> jobs,
            Map<String, List<Pod>> pods) {
        Map<Stage, StageObservation> observed = new EnumMap<>(Stage.class);
        List<StageStatus> previous = job.getStatus() == null ? List.of() : job.getStatus().getStages();
        for (PlannedStage stage : plan.stages()) {
            String jobName = ResourceNames.stageJob(job.getMetadata().getName(), stage.stage().id());
            Optional<StageStatus> prev = previous.stream().filter(s -> stage.stage().id().equals(s.getName())).findFirst();
            observed.put(stage.stage(), StageObserver.observe(stage, Optional.ofNullable(jobs.get(jobName)),
                    pods.getOrDefault(stage.stage().id(), List.of()), prev));
        }
        StageObserver.markStopped(observed, previous);
        if (RuntimeDefaults.suspended(job.getSpec())) {
            StageObserver.markSuspended(observed, previous);
        }
        return observed;
    }

    private UpdateControl<AdImageTrainingJob> finish(AdImageTrainingJob job, Context<AdImageTrainingJob> context,
            AdImageTrainingJobStatus before, AdImageTrainingJobStatus after) {
        if (!StatusComparison.same(before, after)) {
            // The operator patches the status itself (a JSON patch from the status it read, the result cached for the
            // next reconcile) so that the events explaining it are written only once it is stored: a failed patch is
            // retried from the same "before", and its events come once, with the status that is stored.
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(job, context, r -> {
                r.setStatus(after);
                return r;
            });
            TransitionEvents.between(before, after).forEach(e -> events.record(job, e.type(), e.reason(), e.message()));
        }
        UpdateControl<AdImageTrainingJob> control = UpdateControl.noUpdate();
        boolean active = after.getPhase() == TrainingPhase.Running || after.getPhase() == TrainingPhase.Pending
                || after.getPhase() == TrainingPhase.Queued
                || after.getStages().stream().anyMatch(s -> ArtifactVerifier.NOT_READ.equals(s.getReason()));
        return active ? control.rescheduleAfter(settings.progressInterval()) : control;
    }

    @Override
    public DeleteControl cleanup(AdImageTrainingJob job, Context<AdImageTrainingJob> context) {
        cluster.deleteOwned(context.getClient(), job);
        try {
            ArtifactCleanup.Outcome outcome = cleanup.deleteArtifactsIfAsked(job);
            if (!outcome.deleted().isEmpty()) {
                events.record(job, EventRecorder.Type.Normal, Reason.ArtifactsDeleted,
                        "deleted " + String.join(", ", outcome.deleted()));
            }
            if (!outcome.kept().isEmpty()) {
                events.record(job, EventRecorder.Type.Normal, Reason.ArtifactsKept,
                        "kept (not proven to be this resource's): " + String.join("; ", outcome.kept()));
            }
            return DeleteControl.defaultDelete();
        } catch (StoreException e) {
            events.record(job, EventRecorder.Type.Warning, Reason.CleanupFailed,
                    "could not delete artifacts (will retry): " + e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.progressInterval().toMillis());
        }
    }

    @Override
    public ErrorStatusUpdateControl<AdImageTrainingJob> updateErrorStatus(AdImageTrainingJob job,
            Context<AdImageTrainingJob> context, Exception e) {
        LOG.warnf("reconcile of %s failed: %s", ResourceNames.namespacedName(job), e.getMessage());
        String message = "reconcile failed (retrying with backoff): " + e.getMessage();
        boolean known = job.getStatus() != null && Conditions.find(job.getStatus().getConditions(), Conditions.RECONCILE_ERROR)
                .filter(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage())).isPresent();
        if (known) {
            return ErrorStatusUpdateControl.noStatusUpdate(); // the same error again: nothing new to say
        }
        AdImageTrainingJobStatus status = statusBuilder.reconcileError(job, message);
        try {
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(job, context, r -> {
                r.setStatus(status);
                return r;
            });
        } catch (RuntimeException patchFailed) {
            // The API server is what fails: the retry with backoff says it again once the status can be written.
            LOG.warnf("could not write the error status of %s: %s", ResourceNames.namespacedName(job), patchFailed.getMessage());
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        events.record(job, EventRecorder.Type.Warning, Reason.Error, message);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
