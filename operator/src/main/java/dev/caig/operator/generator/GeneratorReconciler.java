package dev.caig.operator.generator;

import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.SpecProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageGeneratorStatus;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.events.EventRecorder.Type;
import dev.caig.operator.events.Reason;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.StatusComparison;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.generator.dependent.GeneratorAutoscaler;
import dev.caig.operator.generator.dependent.GeneratorDeployment;
import dev.caig.operator.generator.dependent.GeneratorDisruptionBudget;
import dev.caig.operator.generator.dependent.GeneratorInputs;
import dev.caig.operator.generator.dependent.GeneratorService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

/**
 * Orchestrates one AdImageGenerator: wait for its model, then run the workflow of its dependents (Deployment,
 * Service, the HPA while autoscaling is set, a PodDisruptionBudget from two replicas on). The workflow runs only once
 * a model is resolved (explicit invocation): until then a Deployment of an earlier model keeps serving as it is. A new
 * model digest changes the pod template and so rolls the Deployment. Owned objects go with the generator (GC).
 */
@ControllerConfiguration(name = GeneratorReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(type = GeneratorDeployment.class),
        @Dependent(type = GeneratorService.class),
        @Dependent(type = GeneratorAutoscaler.class, reconcilePrecondition = GeneratorAutoscaler.Requested.class),
        @Dependent(type = GeneratorDisruptionBudget.class, reconcilePrecondition = GeneratorDisruptionBudget.SeveralReplicas.class)
})
public class GeneratorReconciler implements Reconciler<AdImageGenerator> {
    public static final String NAME = "adimagegenerator";

    private final GeneratorValidator validator;
    private final ModelResolver resolver;
    private final GeneratorStatusBuilder statusBuilder;
    private final EventRecorder events;
    private final OperatorSettings settings;
    private final TrainingJobFeed trainingJobFeed;

    @Inject
    public GeneratorReconciler(GeneratorValidator validator, ModelResolver resolver, GeneratorStatusBuilder statusBuilder,
            EventRecorder events, OperatorSettings settings, TrainingJobFeed trainingJobFeed) {
        this.validator = validator;
        this.resolver = resolver;
        this.statusBuilder = statusBuilder;
        this.events = events;
        this.settings = settings;
        this.trainingJobFeed = trainingJobFeed;
    }

    @Override
    public List<EventSource<?, AdImageGenerator>> prepareEventSources(EventSourceContext<AdImageGenerator> context) {
        return GeneratorEventSources.create(context, trainingJobFeed);
    }

    @Override
    public UpdateControl<AdImageGenerator> reconcile(AdImageGenerator gen, Context<AdImageGenerator> context) {
        AdImageGeneratorStatus before = StatusComparison.copy(gen.getStatus(), AdImageGeneratorStatus.class);
        Optional<SpecProblem> invalid = validator.problem(gen);
        if (invalid.isPresent()) {
            return finish(gen, before, statusBuilder.invalid(gen, invalid.get()), context);
        }
        Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
        ModelResolution resolution = resolver.resolve(gen, context.getSecondaryResource(AdImageTrainingJob.class));
        if (resolution.model().isEmpty()) {
            return finish(gen, before, statusBuilder.waiting(gen, resolution.waitingMessage(), deployment), context)
                    .rescheduleAfter(settings.progressInterval());
        }
        ResolvedModel model = resolution.model().get();
        new GeneratorInputs(model, settings).putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        // The dependents' event sources hold what the workflow just wrote.
        deployment = context.getSecondaryResource(Deployment.class);
        return finish(gen, before, statusBuilder.deployed(gen, model, deployment, context.getSecondaryResources(Pod.class)), context);
    }

    /**
     * Patches the status (when it changed) and only then records the transitions as events, so that a failed patch,
     * which is retried, records nothing twice. JOSDK's resource operations keep the patched generator in its cache:
     * the next reconcile compares against the new status, not a stale one.
     */
    private UpdateControl<AdImageGenerator> finish(AdImageGenerator gen, AdImageGeneratorStatus before,
            AdImageGeneratorStatus after, Context<AdImageGenerator> context) {
        if (StatusComparison.same(before, after)) {
            return UpdateControl.noUpdate();
        }
        context.resourceOperations().jsonPatchPrimaryStatus(gen, g -> {
            g.setStatus(after);
            return g;
        });
        recordTransitions(gen, before == null ? new AdImageGeneratorStatus() : before, after);
        return UpdateControl.noUpdate();
    }

    private void recordTransitions(AdImageGenerator gen, AdImageGeneratorStatus before, AdImageGeneratorStatus after) {
        if (after.getPhase() != before.getPhase()) {
            switch (after.getPhase()) {
                case Invalid -> events.record(gen, Type.Warning, Reason.ofRefusal(Conditions.find(after.getConditions(),
                        Conditions.INVALID_SPEC).map(c -> c.getReason()).orElse(null)), after.getMessage());
                case WaitingForModel -> events.record(gen, Type.Normal, Reason.WaitingForModel, after.getMessage());
                case Ready -> events.record(gen, Type.Normal, Reason.GeneratorReady, after.getMessage());
                default -> {
                }
            }
        }
        Optional<String> stall = GeneratorStatusBuilder.stallReason(after);
        if (stall.isPresent() && !stall.equals(GeneratorStatusBuilder.stallReason(before))) {
            events.record(gen, Type.Warning, "Unschedulable".equals(stall.get()) ? Reason.Unschedulable : Reason.RolloutStalled,
                    after.getMessage());
        }
        if (after.getPhase() != GeneratorPhase.WaitingForModel && after.getModelDigest() != null
                && !Objects.equals(before.getModelDigest(), after.getModelDigest())) {
            if (before.getModelDigest() == null) {
                events.record(gen, Type.Normal, Reason.ModelReady, "serving model " + after.getModelUri() + " (" + after.getModelDigest() + ")");
            } else {
                events.record(gen, Type.Normal, Reason.RolledOut, "rolling Deployment " + ResourceNames.generator(gen.getMetadata().getName())
                        + " from " + before.getModelDigest() + " to " + after.getModelDigest());
            }
        }
    }

    @Override
    public ErrorStatusUpdateControl<AdImageGenerator> updateErrorStatus(AdImageGenerator gen, Context<AdImageGenerator> context,
            Exception e) {
        events.record(gen, Type.Warning, Reason.Error, "reconcile failed (will retry): " + e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
