package dev.caig.operator.trainingjob;

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
import dev.caig.operator.status.StatusComparison;
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
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

/**
 * Orchestrates one AdImageTrainingJob: validate, observe the stage Jobs, act (create / suspend / resume), then
 * write a status built from scratch. The decisions live in PipelineDriver, the status in TrainingStatusBuilder.
 */
@ControllerConfiguration(name = TrainingJobReconciler.NAME)
public class TrainingJobReconciler implements Reconciler<AdImageTrainingJob>, Cleaner<AdImageTrainingJob> {
    public static final String NAME = "adimagetrainingjob";
    private static final Logger LOG = Logger.getLogger(TrainingJobReconciler.class);

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
        Optional<String> invalid = validator.validate(job);
        if (invalid.isPresent()) {
            return finish(job, before, statusBuilder.invalid(job, invalid.get()));
        }
        PipelinePlan plan = PipelinePlanner.plan(job);
        cluster.ensureConfigMap(context.getClient(), job, context.getSecondaryResource(ConfigMap.class));
        Map<String, Job> jobs = context.getSecondaryResources(Job.class).stream()
                .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j, (a, b) -> a, HashMap::new));
        Map<String, List<Pod>> pods = context.getSecondaryResources(Pod.class).stream()
                .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().getOrDefault(ResourceNames.STAGE_LABEL, "")));
        Map<Stage, StageObservation> observed = observe(job, plan, jobs, pods);
        Map<Stage, ArtifactVerifier.Verified> verified = verifier.verify(job, plan, observed);
        PipelineDriver.Actions actions = PipelineDriver.decide(job, plan, observed, jobs);
        if (!actions.none()) {
            cluster.apply(context.getClient(), job, plan, actions, settings).forEach(j -> jobs.put(j.getMetadata().getName(), j));
            observed = observe(job, plan, jobs, pods);
            verified = verifier.verify(job, plan, observed);
        }
        return finish(job, before, statusBuilder.build(job, plan, observed, verified));
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
        return observed;
    }

    private UpdateControl<AdImageTrainingJob> finish(AdImageTrainingJob job, AdImageTrainingJobStatus before,
            AdImageTrainingJobStatus after) {
        TransitionEvents.between(before, after).forEach(e -> events.record(job, e.type(), e.reason(), e.message()));
        UpdateControl<AdImageTrainingJob> control;
        if (StatusComparison.same(before, after)) {
            control = UpdateControl.noUpdate();
        } else {
            job.setStatus(after);
            control = UpdateControl.patchStatus(job);
        }
        boolean active = after.getPhase() == TrainingPhase.Running || after.getPhase() == TrainingPhase.Pending
                || after.getStages().stream().anyMatch(s -> ArtifactVerifier.NOT_READ.equals(s.getReason()));
        return active ? control.rescheduleAfter(settings.progressInterval()) : control;
    }

    @Override
    public DeleteControl cleanup(AdImageTrainingJob job, Context<AdImageTrainingJob> context) {
        cluster.deleteOwned(context.getClient(), job);
        Optional<String> failure = cleanup.deleteArtifactsIfAsked(job);
        if (failure.isPresent()) {
            events.record(job, EventRecorder.Type.Warning, Reason.CleanupFailed, failure.get());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.progressInterval().toMillis());
        }
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<AdImageTrainingJob> updateErrorStatus(AdImageTrainingJob job,
            Context<AdImageTrainingJob> context, Exception e) {
        LOG.warnf("reconcile of %s failed: %s", ResourceNames.namespacedName(job), e.getMessage());
        events.record(job, EventRecorder.Type.Warning, Reason.Error, "reconcile failed (will retry): " + e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
