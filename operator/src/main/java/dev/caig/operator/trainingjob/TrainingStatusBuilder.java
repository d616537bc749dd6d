package dev.caig.operator.trainingjob;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.ProgressStatus;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.SpecProblem;
import dev.caig.operator.status.StatusComparison;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.StageProgress;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Builds a training job's status from scratch each time: per-stage state from the observations, metrics and digests
 * from manifests (read once, then kept), progress from progress.json, then phase, conditions and a message.
 */
public class TrainingStatusBuilder {
    /** The wait reason of a Job that Kueue has not admitted yet (StageObserver). */
    public static final String QUEUE_ADMISSION = "WaitingForQueueAdmission";
    private final ArtifactReader reader;
    private final Clock clock;

    public TrainingStatusBuilder(ArtifactReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public AdImageTrainingJobStatus invalid(AdImageTrainingJob job, String why) {
        return invalid(job, SpecProblem.invalid(why));
    }

    /** The refusal's reason (InvalidSpec, StoreScopeDenied) on the InvalidSpec, Ready and Progressing conditions. */
    public AdImageTrainingJobStatus invalid(AdImageTrainingJob job, SpecProblem problem) {
        String why = problem.message();
        AdImageTrainingJobStatus previous = previous(job);
        AdImageTrainingJobStatus status = new AdImageTrainingJobStatus();
        status.setPhase(TrainingPhase.Invalid);
        status.setObservedGeneration(job.getMetadata().getGeneration());
        status.setMessage(why);
        status.setStages(previous.getStages());
        Instant now = clock.instant();
        Long gen = job.getMetadata().getGeneration();
        List<Condition> c = status.getConditions();
        Conditions.set(c, previous.getConditions(), Conditions.INVALID_SPEC, true, problem.reason(), why, gen, now);
        Conditions.set(c, previous.getConditions(), Conditions.READY, false, problem.reason(), why, gen, now);
        Conditions.set(c, previous.getConditions(), Conditions.PROGRESSING, false, problem.reason(), "nothing was created", gen, now);
        return status;
    }

    /**
     * The pinned config's hash on the run and, per stage, the hash its Job was created with (its annotation); when the
     * spec was changed after the start, a ConfigChanged condition says the run keeps the pinned config.
     */
    public void recordConfig(AdImageTrainingJob job, AdImageTrainingJobStatus status, RunConfig config, Map<String, Job> jobs) {
        status.setConfigHash(config.hash());
        for (StageStatus st : status.getStages()) {
            Job j = st.getJobName() == null ? null : jobs.get(st.getJobName());
            if (j != null && j.getMetadata().getAnnotations() != null) {
                st.setConfigHash(j.getMetadata().getAnnotations().get(ResourceNames.CONFIG_HASH_ANNOTATION));
            } else if (j == null) {
                // The Job is gone (ttlSecondsAfterFinished, stopped): the status keeps what it recorded.
                previous(job).getStages().stream().filter(p -> p.getName().equals(st.getName())).findFirst()
                        .ifPresent(p -> st.setConfigHash(p.getConfigHash()));
            }
        }
        if (config.specChanged()) {
            Conditions.set(status.getConditions(), previous(job).getConditions(), Conditions.CONFIG_CHANGED, true,
                    "SpecChangedAfterStart", "the spec was changed after the run started; the run keeps its pinned config "
                            + config.hash() + ": create a new AdImageTrainingJob to run the new one",
                    job.getMetadata().getGeneration(), clock.instant());
        }
    }

    /** The last status with a ReconcileError condition: what is known stays, the error is added (retried). */
    public AdImageTrainingJobStatus reconcileError(AdImageTrainingJob job, String message) {
        AdImageTrainingJobStatus status = StatusComparison.copy(previous(job), AdImageTrainingJobStatus.class);
        Conditions.set(status.getConditions(), previous(job).getConditions(), Conditions.RECONCILE_ERROR, true,
                "ReconcileError", message, job.getMetadata().getGeneration(), clock.instant());
        return status;
    }

    public AdImageTrainingJobStatus build(AdImageTrainingJob job, PipelinePlan plan, Map<Stage, StageObservation> observed,
            Map<Stage, ArtifactVerifier.Verified> verified) {
        AdImageTrainingJobStatus previous = previous(job);
        AdImageTrainingJobStatus status = new AdImageTrainingJobStatus();
        status.setObservedGeneration(job.getMetadata().getGeneration());
        List<String> progressParts = new ArrayList<>();
        Waiting waiting = null;
        String waitingStage = null;
        for (PlannedStage planned : plan.stages()) {
            StageObservation obs = observed.get(planned.stage());
            StageStatus st = stageStatus(job, planned, obs, verified);
            status.getStages().add(st);
            if (st.getState() == StageState.Running) {
                Optional<StageProgress> p = progress(job, planned);
                if (p.isPresent()) {
                    progressParts.add(planned.stage().id() + " " + p.get().unit() + " " + p.get().step() + "/" + p.get().total());
                    // PCPO's iteration i/K is the figure users watch; otherwise the first running stage's.
                    if (status.getProgress() == null || planned.stage() == Stage.PCPO) {
                        status.setProgress(progressOf(p.get()));
                    }
                }
            }
            // the first stage that waits, preferring a real obstacle to a pod the scheduler has not got to yet
            if (obs.waiting() != null && (waiting == null || (PodDiagnostics.NOT_SCHEDULED_YET.equals(waiting.reason())
                    && !PodDiagnostics.NOT_SCHEDULED_YET.equals(obs.waiting().reason())))) {
                waiting = obs.waiting();
                waitingStage = planned.stage().id();
            }
        }
        TrainingPhase phase = phase(job, status.getStages());
        if (phase == TrainingPhase.Running && waiting != null && QUEUE_ADMISSION.equals(waiting.reason())
                && status.getStages().stream().noneMatch(s -> s.getState() == StageState.Running)) {
            phase = TrainingPhase.Queued;
        }
        status.setPhase(phase);
        fillProgress(status, progressParts);
        fillModel(status);
        status.setMessage(message(status, waiting, waitingStage));
        fillConditions(job, previous, status, waiting);
        return status;
    }

    private static StageStatus stageStatus(AdImageTrainingJob job, PlannedStage planned, StageObservation obs,
            Map<Stage, ArtifactVerifier.Verified> verified) {
        StageStatus st = new StageStatus();
        st.setName(planned.stage().id());
        st.setState(obs.state());
        st.setArtifactUri(planned.artifactUri());
        if (!planned.skipped()) {
            st.setJobName(ResourceNames.stageJob(job.getMetadata().getName(), planned.stage().id()));
            st.setAttempts(obs.attempts());
            st.setStartTime(obs.startTime());
            st.setCompletionTime(obs.completionTime());
        }
        st.setReason(obs.reason());
        st.setMessage(obs.message());
        ArtifactVerifier.Verified v = verified.get(planned.stage());
        if (v != null) {
            st.setDigest(v.digest());
            st.setMetrics(v.metrics());
        }
        return st;
    }

    private Optional<StageProgress> progress(AdImageTrainingJob job, PlannedStage planned) {
        try {
            return reader.progress(StoreScope.of(job, job.getSpec().getStore()), planned.artifactUri());
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private static ProgressStatus progressOf(StageProgress p) {
        ProgressStatus ps = new ProgressStatus();
        ps.setStep(p.step());
        ps.setTotal(p.total());
        ps.setUnit(p.unit());
        return ps;
    }

    private static TrainingPhase phase(AdImageTrainingJob job, List<StageStatus> stages) {
        if (stages.stream().anyMatch(s -> s.getState() == StageState.Failed)) {
            return TrainingPhase.Failed;
        }
        if (stages.stream().allMatch(s -> isDone(s) && s.getDigest() != null)) {
            return TrainingPhase.Succeeded;
        }
        if (RuntimeDefaults.suspended(job.getSpec())) {
            return TrainingPhase.Suspended;
        }
        return stages.stream().anyMatch(s -> s.getState() != StageState.Pending && s.getState() != StageState.Skipped)
                ? TrainingPhase.Running : TrainingPhase.Pending;
    }

    private static boolean isDone(StageStatus s) {
        return s.getState() == StageState.Succeeded || s.getState() == StageState.Skipped;
    }

    private static void fillProgress(AdImageTrainingJobStatus status, List<String> parts) {
        ProgressStatus p = status.getProgress() == null ? new ProgressStatus() : status.getProgress();
        long done = status.getStages().stream().filter(TrainingStatusBuilder::isDone).count();
        String active = status.getStages().stream()
                .filter(s -> s.getState() == StageState.Running || s.getState() == StageState.Starting
                        || s.getState() == StageState.Suspended)
                .map(StageStatus::getName).collect(Collectors.joining(","));
        p.setStage(active.isEmpty() ? null : active);
        StringBuilder summary = new StringBuilder(done + "/" + status.getStages().size() + " stages");
        parts.forEach(part -> summary.append(", ").append(part));
        p.setSummary(summary.toString());
        status.setProgress(p);
    }

    private static void fillModel(AdImageTrainingJobStatus status) {
        for (StageStatus s : status.getStages()) {
            if (!isDone(s) || s.getDigest() == null) {
                continue;
            }
            if (Stage.PCPO.id().equals(s.getName())) {
                status.setModelUri(s.getArtifactUri());
                status.setModelDigest(s.getDigest());
            } else if (Stage.REWARD.id().equals(s.getName())) {
                status.setRewardUri(s.getArtifactUri());
            }
        }
    }

    private static String message(AdImageTrainingJobStatus status, Waiting waiting, String waitingStage) {
        switch (status.getPhase()) {
            case Failed:
                return status.getStages().stream().filter(s -> s.getState() == StageState.Failed).findFirst()
                        .map(s -> "stage " + s.getName() + " failed (" + s.getReason() + "): " + s.getMessage()).orElse("failed");
            case Succeeded:
                return "all " + status.getStages().size() + " stages done; model " + status.getModelUri();
            case Suspended:
                return "suspended (spec.suspend=true); " + status.getProgress().getSummary();
            default:
                if (waiting != null) {
                    return "stage " + waitingStage + " waits (" + waiting.reason() + "): " + waiting.message();
                }
                return status.getProgress().getStage() == null ? "waiting for stages to start"
                        : "running " + status.getProgress().getStage() + "; " + status.getProgress().getSummary();
        }
    }

    private void fillConditions(AdImageTrainingJob job, AdImageTrainingJobStatus previous,
            AdImageTrainingJobStatus status, Waiting waiting) {
        Instant now = clock.instant();
        Long gen = job.getMetadata().getGeneration();
        List<Condition> prev = previous.getConditions();
        List<Condition> c = status.getConditions();
        TrainingPhase phase = status.getPhase();
        String msg = status.getMessage();
        Conditions.set(c, prev, Conditions.READY, phase == TrainingPhase.Succeeded, phase.name(), msg, gen, now);
        boolean progressing = phase == TrainingPhase.Running || phase == TrainingPhase.Pending;
        Conditions.set(c, prev, Conditions.PROGRESSING, progressing,
                waiting != null ? waiting.reason() : progressing ? "StagesRunning" : phase.name(), msg, gen, now);
        String failReason = status.getStages().stream().filter(s -> s.getState() == StageState.Failed)
                .map(StageStatus::getReason).findFirst().orElse("NoFailure");
        Conditions.set(c, prev, Conditions.FAILED, phase == TrainingPhase.Failed, failReason,
                phase == TrainingPhase.Failed ? msg : "", gen, now);
        Conditions.set(c, prev, Conditions.SUSPENDED, phase == TrainingPhase.Suspended,
                phase == TrainingPhase.Suspended ? "SuspendRequested" : "NotSuspended", "", gen, now);
        scheduled(c, prev, status, waiting, gen, now);
        Conditions.set(c, prev, Conditions.INVALID_SPEC, false, "Valid", "", gen, now);
    }

    /**
     * Scheduled is True only once the pods of every active stage are placed on nodes (PodScheduled=True or running);
     * False with the reason while one waits; with no active stage it keeps what it said last.
     */
    private static void scheduled(List<Condition> c, List<Condition> prev, AdImageTrainingJobStatus status, Waiting waiting,
            Long gen, Instant now) {
        boolean active = status.getStages().stream()
                .anyMatch(s -> s.getState() == StageState.Starting || s.getState() == StageState.Running);
        if (waiting != null) {
            Conditions.set(c, prev, Conditions.SCHEDULED, false, waiting.reason(), waiting.message(), gen, now);
        } else if (active) {
            Conditions.set(c, prev, Conditions.SCHEDULED, true, "Scheduled", "", gen, now);
        } else {
            Optional<Condition> last = Conditions.find(prev, Conditions.SCHEDULED);
            if (last.isPresent() && "True".equals(last.get().getStatus())) {
                Conditions.set(c, prev, Conditions.SCHEDULED, true, last.get().getReason(), last.get().getMessage(), gen, now);
            } else {
                Conditions.set(c, prev, Conditions.SCHEDULED, false, "NoActiveStage", "no stage has pods yet", gen, now);
            }
        }
    }

    private static AdImageTrainingJobStatus previous(AdImageTrainingJob job) {
        return job.getStatus() == null ? new AdImageTrainingJobStatus() : job.getStatus();
    }
}
