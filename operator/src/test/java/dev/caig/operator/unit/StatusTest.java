package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.events.Reason;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.trainingjob.ArtifactVerifier;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.trainingjob.Stage;
import dev.caig.operator.trainingjob.StageObservation;
import dev.caig.operator.trainingjob.TrainingStatusBuilder;
import dev.caig.operator.trainingjob.TransitionEvents;
import io.fabric8.kubernetes.api.model.Condition;

/** Status built from observations: phases, stable condition times, and the events a change deserves. */
class StatusTest {
    final InMemoryArtifactStore store = new InMemoryArtifactStore();
    final ArtifactReader reader = new ArtifactReader(store);

    @Test
    void lastTransitionTimeChangesOnlyWhenTheStatusFlips() {
        List<Condition> first = new ArrayList<>();
        Conditions.set(first, List.of(), "Ready", false, "Running", "a", 1L, Instant.parse("2026-01-01T00:00:00Z"));
        List<Condition> second = new ArrayList<>();
        Conditions.set(second, first, "Ready", false, "Running", "b", 2L, Instant.parse("2026-01-01T01:00:00Z"));
        assertEquals("2026-01-01T00:00:00Z", second.get(0).getLastTransitionTime());
        assertEquals(2L, second.get(0).getObservedGeneration());
        List<Condition> third = new ArrayList<>();
        Conditions.set(third, second, "Ready", true, "Succeeded", "c", 2L, Instant.parse("2026-01-01T02:00:00Z"));
        assertEquals("2026-01-01T02:00:00Z", third.get(0).getLastTransitionTime());
    }

    @Test
    void phaseFollowsTheStagesAndEventsFollowTheChanges() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        PipelinePlan plan = PipelinePlanner.plan(job);
        TrainingStatusBuilder builder = new TrainingStatusBuilder(reader, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        ArtifactVerifier verifier = new ArtifactVerifier(reader);

        Map<Stage, StageObservation> obs = all(plan, StageState.Pending);
        obs.put(Stage.MARKET, new StageObservation(StageState.Running, 1, "t0", null, null, null, null));
        store.putProgress("s3://caig/runs/q/market/", "market", 2, 40, "product");
        AdImageTrainingJobStatus running = builder.build(job, plan, obs, verifier.verify(job, plan, obs));
        assertEquals(TrainingPhase.Running, running.getPhase());
        assertEquals("market", running.getProgress().getStage());
        assertEquals("0/6 stages, market product 2/40", running.getProgress().getSummary());
        assertEquals(List.of(Reason.StageStarted), TransitionEvents.between(null, running).stream()
                .map(TransitionEvents.PendingEvent::reason).toList());

        job.setStatus(running);
        obs.put(Stage.MARKET, new StageObservation(StageState.Succeeded, 1, "t0", "t1", null, null, null));
        store.putManifest("s3://caig/runs/q/market/", "market", Map.of("products", 40.0));
        AdImageTrainingJobStatus next = builder.build(job, plan, obs, verifier.verify(job, plan, obs));
        assertEquals(40.0, next.getStages().get(0).getMetrics().get("products"));
        assertTrue(next.getStages().get(0).getDigest().startsWith("sha256:"));
        assertEquals(TrainingPhase.Running, next.getPhase(), "part of the pipeline is done");
        assertEquals("1/6 stages", next.getProgress().getSummary());
        assertNull(next.getProgress().getStage(), "nothing runs until the driver creates the next Jobs");
        assertNull(next.getModelUri());
        assertEquals(List.of(Reason.StageSucceeded), TransitionEvents.between(running, next).stream()
                .map(TransitionEvents.PendingEvent::reason).toList());
    }

    @Test
    void aRetrySeenTogetherWithAStateChangeIsStillARetry() {
        // the operator saw the first attempt Starting, and next the second attempt already Running
        AdImageTrainingJobStatus starting = statusWithMarket(StageState.Starting, 1);
        AdImageTrainingJobStatus retried = statusWithMarket(StageState.Running, 2);
        assertEquals(List.of(Reason.StageRetrying), TransitionEvents.between(starting, retried).stream()
                .map(TransitionEvents.PendingEvent::reason).toList());
        assertEquals(List.of(), TransitionEvents.between(retried, statusWithMarket(StageState.Running, 2)).stream()
                .map(TransitionEvents.PendingEvent::reason).toList(), "the same attempt again is no news");
    }

    @Test
    void aRetryWhoseFirstAttemptWasNeverSeenIsStillARetry() {
        // a busy operator saw the Job just created (no pods counted yet) and next its second attempt running
        AdImageTrainingJobStatus created = statusWithMarket(StageState.Starting, 0);
        AdImageTrainingJobStatus retried = statusWithMarket(StageState.Running, 2);
        assertEquals(List.of(Reason.StageRetrying), TransitionEvents.between(created, retried).stream()
                .map(TransitionEvents.PendingEvent::reason).toList());
        assertEquals(List.of(), TransitionEvents.between(created, statusWithMarket(StageState.Running, 1))
                .stream().map(TransitionEvents.PendingEvent::reason).toList(), "a first attempt is no retry");
    }

    private static AdImageTrainingJobStatus statusWithMarket(StageState state, int attempts) {
        StageStatus market = new StageStatus();
        market.setName("market");
        market.setState(state);
        market.setAttempts(attempts);
        market.setJobName("q-market");
        AdImageTrainingJobStatus status = new AdImageTrainingJobStatus();
        status.setPhase(TrainingPhase.Running);
        status.setStages(new ArrayList<>(List.of(market)));
        return status;
    }

    @Test
    void storeOutageKeepsAFinishedStageUnverifiedInsteadOfFailingIt() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        PipelinePlan plan = PipelinePlanner.plan(job);
        Map<Stage, StageObservation> obs = all(plan, StageState.Pending);
        obs.put(Stage.MARKET, new StageObservation(StageState.Succeeded, 1, "t0", "t1", null, null, null));
        store.setDown(true);
        new ArtifactVerifier(reader).verify(job, plan, obs);
        assertEquals(StageState.Succeeded, obs.get(Stage.MARKET).state());
        assertEquals(ArtifactVerifier.NOT_READ, obs.get(Stage.MARKET).reason());
        assertTrue(!obs.get(Stage.MARKET).done(), "dependants wait until the manifest has been read");
    }

    private static Map<Stage, StageObservation> all(PipelinePlan plan, StageState state) {
        Map<Stage, StageObservation> m = new EnumMap<>(Stage.class);
        plan.stages().forEach(s -> m.put(s.stage(), StageObservation.of(state)));
        return m;
    }
}
