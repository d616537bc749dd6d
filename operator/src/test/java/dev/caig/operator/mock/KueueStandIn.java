package dev.caig.operator.mock;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What Kueue does to a Job it manages, as far as the operator can see it: admission unsuspends the Job, eviction or
 * preemption suspends it again. The mock API server runs no Kueue (no Workload objects, no quota).
 */
final class KueueStandIn {
    private KueueStandIn() {
    }

    static void admit(KubernetesClient client, String ns, String job) {
        setSuspend(client, ns, job, false);
    }

    static void evict(KubernetesClient client, String ns, String job) {
        setSuspend(client, ns, job, true);
    }

    private static void setSuspend(KubernetesClient client, String ns, String job, boolean suspend) {
        client.batch().v1().jobs().inNamespace(ns).withName(job).edit(j -> {
            j.getSpec().setSuspend(suspend);
            return j;
        });
    }
}
