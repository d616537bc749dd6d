package dev.caig.operator.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * Plays kubelet + Job controller against the mock API server: every unsuspended stage Job it sees is run attempt by
 * attempt with a StageRunner, honouring backoffLimit, and its status is written as the Job controller would.
 */
public class KubeletStandIn implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final StageRunner runner;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final List<String> runOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Watch watch;

    public KubeletStandIn(KubernetesClient client, String namespace, StageRunner runner) {
        this.client = client;
        this.namespace = namespace;
        this.runner = runner;
    }

    public KubeletStandIn start() {
        client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::maybeRun);
        watch = client.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    maybeRun(job);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return this;
    }

    /** Job names in the order their first attempt started. */
    public List<String> runOrder() {
        return runOrder;
    }

    private void maybeRun(Job job) {
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        boolean finished = job.getStatus() != null && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty();
        if (suspended || finished || !started.add(job.getMetadata().getName())) {
            return;
        }
        runOrder.add(job.getMetadata().getName());
        pool.submit(() -> run(job));
    }

    private void run(Job job) {
        if ("Indexed".equals(job.getSpec().getCompletionMode())) {
            runIndexed(job);
            return;
        }
        String name = job.getMetadata().getName();
        int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        JobStatuses.running(client, namespace, name);
        for (int attempt = 1; ; attempt++) {
            boolean ok;
            try {
                ok = runner.runAttempt(job, attempt);
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                JobStatuses.succeeded(client, namespace, name);
                return;
            }
            if (attempt > backoffLimit) {
                JobStatuses.failed(client, namespace, name, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
                return;
            }
            JobStatuses.failedAttemptRetrying(client, namespace, name);
        }
    }

    /**
     * An Indexed Job as the Job controller runs it with {@code backoffLimitPerIndex}: every index is a pod whose
     * {@code batch.kubernetes.io/job-completion-index} annotation names it; a failed index is retried on its own up to
     * its limit, and the Job fails once all indexes ended with any of them failed. The stand-in runs the indexes one
     * after another (a cluster runs {@code parallelism} at once).
     */
    private void runIndexed(Job job) {
        String name = job.getMetadata().getName();
        int completions = job.getSpec().getCompletions();
        int perIndex = job.getSpec().getBackoffLimitPerIndex() == null ? 0 : job.getSpec().getBackoffLimitPerIndex();
        JobStatuses.running(client, namespace, name);
        for (int index = 0; index < completions; index++) {
            Job pod = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(job).editSpec().editTemplate().editOrNewMetadata()
                    .addToAnnotations(INDEX_ANNOTATION, String.valueOf(index)).endMetadata().endTemplate().endSpec().build();
            for (int attempt = 1; ; attempt++) {
                boolean ok;
                try {
                    ok = runner.runAttempt(pod, attempt);
                } catch (Exception e) {
                    ok = false;
                }
                if (ok) {
                    JobStatuses.indexSucceeded(client, namespace, name, index);
                    break;
                }
                JobStatuses.failedAttemptRetrying(client, namespace, name);
                if (attempt > perIndex) {
                    JobStatuses.indexFailed(client, namespace, name, index);
                    break;
                }
            }
        }
        JobStatuses.indexedFinished(client, namespace, name);
    }

    /** The annotation the Job controller puts on each pod of an Indexed Job. */
    public static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        pool.shutdownNow();
    }

    /** The artifact URI a stage Job writes: its --out plus the stage. */
    public static String artifactUri(Job job) {
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        return args.get(args.indexOf("--out") + 1) + "/" + args.get(args.indexOf("--stage") + 1) + "/";
    }

    /** A plain (value) environment variable of the Job's container, or null. */
    public static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(e -> e.getValue()).findFirst().orElse(null);
    }

    public static String stage(Job job) {
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        return args.get(args.indexOf("--stage") + 1);
    }

    /** A runner that fakes every stage: writes its manifest (with the pod's producer UID) and one metric, exits 0. */
    public static StageRunner fakeRuntime(InMemoryArtifactStore store) {
        return (job, attempt) -> {
            store.putManifest(artifactUri(job), stage(job), Map.of("loss", 0.5), env(job, "CAIG_PRODUCER_UID"));
            return true;
        };
    }
}
