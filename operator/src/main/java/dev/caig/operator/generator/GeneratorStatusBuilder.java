package dev.caig.operator.generator;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageGeneratorStatus;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.SpecProblem;
import dev.caig.operator.trainingjob.Waiting;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** A generator's status from the resolved model and the Deployment as observed. */
public class GeneratorStatusBuilder {
    private final Clock clock;

    public GeneratorStatusBuilder(Clock clock) {
        this.clock = clock;
    }

    public AdImageGeneratorStatus invalid(AdImageGenerator gen, String why) {
        return invalid(gen, SpecProblem.invalid(why));
    }

    /** The refusal's reason (InvalidSpec, StoreScopeDenied) on the InvalidSpec condition. */
    public AdImageGeneratorStatus invalid(AdImageGenerator gen, SpecProblem problem) {
        String why = problem.message();
        AdImageGeneratorStatus status = base(gen);
        status.setPhase(GeneratorPhase.Invalid);
        status.setMessage(why);
        conditions(gen, status, false, null, why);
        Conditions.set(status.getConditions(), previous(gen).getConditions(), Conditions.INVALID_SPEC, true, problem.reason(),
                why, gen.getMetadata().getGeneration(), clock.instant());
        return status;
    }

    public AdImageGeneratorStatus waiting(AdImageGenerator gen, String why, Optional<Deployment> deployment) {
        AdImageGeneratorStatus status = base(gen);
        AdImageGeneratorStatus prev = previous(gen);
        status.setPhase(GeneratorPhase.WaitingForModel);
        status.setMessage("waiting for model: " + why);
        // A Deployment from an earlier model keeps serving meanwhile; report it as it is.
        status.setModelUri(prev.getModelUri());
        status.setRewardUri(prev.getRewardUri());
        status.setModelDigest(prev.getModelDigest());
        deployment.ifPresent(d -> replicas(status, d));
        conditions(gen, status, false, why, status.getMessage());
        return status;
    }

    /**
     * @param pods the generator's pods: when the rollout is not done and the cluster says why (RolloutStall), the
     *             message says so and the Ready condition's reason is the cluster's (e.g. Unschedulable)
     */
    public AdImageGeneratorStatus deployed(AdImageGenerator gen, ResolvedModel model, Optional<Deployment> deployment,
            Collection<Pod> pods) {
        AdImageGeneratorStatus status = base(gen);
        status.setModelUri(model.policyUri());
        status.setRewardUri(model.rewardUri());
        status.setModelDigest(model.digest());
        status.setUrl(GeneratorResources.url(gen));
        int want = deployment.map(d -> d.getSpec().getReplicas()).orElse(GeneratorResources.desiredReplicas(gen.getSpec()));
        deployment.ifPresent(d -> replicas(status, d));
        boolean rolledOut = deployment.map(d -> rolledOut(d, model.digest(), want)).orElse(false);
        status.setPhase(rolledOut ? GeneratorPhase.Ready : GeneratorPhase.Deploying);
        Optional<Waiting> stall = rolledOut ? Optional.empty() : RolloutStall.why(deployment, pods);
        status.setMessage(rolledOut ? "serving " + model.digest() + " with " + status.getReadyReplicas() + " ready replica(s)"
                : "rolling out " + model.digest() + ": " + nz(status.getReadyReplicas()) + "/" + want + " ready"
                        + stall.map(w -> "; waiting: " + w.message()).orElse(""));
        conditions(gen, status, rolledOut, stall.map(Waiting::reason).orElse(status.getPhase().name()), null, status.getMessage());
        return status;
    }

    /** The cluster's reason a rollout waits (Ready=False with a reason other than Deploying), or empty. */
    public static Optional<String> stallReason(AdImageGeneratorStatus status) {
        if (status == null || status.getPhase() != GeneratorPhase.Deploying) {
            return Optional.empty();
        }
        return Conditions.find(status.getConditions(), Conditions.READY).map(Condition::getReason)
                .filter(r -> !GeneratorPhase.Deploying.name().equals(r));
    }

    /** Every wanted replica is updated to this digest and ready. */
    private static boolean rolledOut(Deployment d, String digest, int want) {
        var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        boolean sameModel = annotations != null && digest.equals(annotations.get(ResourceNames.MODEL_DIGEST_ANNOTATION));
        var s = d.getStatus();
        if (!sameModel || s == null) {
            return false;
        }
        boolean observed = s.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || s.getObservedGeneration() >= d.getMetadata().getGeneration();
        return observed && nz(s.getUpdatedReplicas()) >= want && nz(s.getReadyReplicas()) >= want
                && nz(s.getReplicas()) <= nz(s.getUpdatedReplicas());
    }

    private static void replicas(AdImageGeneratorStatus status, Deployment d) {
        status.setReplicas(d.getStatus() == null ? 0 : nz(d.getStatus().getReplicas()));
        status.setReadyReplicas(d.getStatus() == null ? 0 : nz(d.getStatus().getReadyReplicas()));
    }

    private void conditions(AdImageGenerator gen, AdImageGeneratorStatus status, boolean ready, String waitingFor, String msg) {
        conditions(gen, status, ready, status.getPhase().name(), waitingFor, msg);
    }

    private void conditions(AdImageGenerator gen, AdImageGeneratorStatus status, boolean ready, String readyReason,
            String waitingFor, String msg) {
        Instant now = clock.instant();
        Long g = gen.getMetadata().getGeneration();
        List<Condition> prev = previous(gen).getConditions();
        List<Condition> c = status.getConditions();
        Conditions.set(c, prev, Conditions.READY, ready, readyReason, msg, g, now);
        Conditions.set(c, prev, Conditions.WAITING_FOR_MODEL, waitingFor != null,
                waitingFor != null ? "ModelNotReady" : "ModelResolved", waitingFor == null ? "" : waitingFor, g, now);
        Conditions.set(c, prev, Conditions.INVALID_SPEC, false, "Valid", "", g, now);
    }

    private static AdImageGeneratorStatus base(AdImageGenerator gen) {
        AdImageGeneratorStatus status = new AdImageGeneratorStatus();
        status.setObservedGeneration(gen.getMetadata().getGeneration());
        return status;
    }

    private static AdImageGeneratorStatus previous(AdImageGenerator gen) {
        return gen.getStatus() == null ? new AdImageGeneratorStatus() : gen.getStatus();
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }
}
