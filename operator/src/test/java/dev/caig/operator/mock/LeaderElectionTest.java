package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.caig.operator.config.LeaderElection;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;

/**
 * Two operator replicas with the operator's lease: only the holder reconciles; when it stops, the standby takes the
 * lease and carries on. (In production a replica that loses the lease exits, so its pod restarts as a standby.)
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
    static KubernetesClient client;
    static KubernetesMockServer server;
    private static final String SYSTEM = "caig-system";
    private static final String NS = "team-a";

    private static LeaderElectionConfiguration replica(String identity) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LeaderElection.LEASE)
                .withLeaseNamespace(SYSTEM).withIdentity(identity)
                .withLeaseDuration(Duration.ofSeconds(3)).withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(300)).buildForTest(false);
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(SYSTEM).withName(LeaderElection.LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static boolean jobExists(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get() != null;
    }

    @Test
    void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOverWhenItStops() throws Exception {
        // JOSDK checks that it may use leases (what the Helm chart's RBAC grants); the mock server only stores objects
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "list", "watch", "create", "update", "patch").endResourceRule().endStatus().build())
                .always();
        for (String ns : new String[] {SYSTEM, NS}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        TestOperator.installCrds(client);
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        TestOperator first = TestOperator.start(client, store, TestOperator.SETTINGS, 2, replica("replica-a"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(holder()));
        try (TestOperator second = TestOperator.start(client, store, TestOperator.SETTINGS, 2, replica("replica-b"))) {
            client.resource(Samples.trainingJob(NS, "first")).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> jobExists("first-market"));
            assertEquals("replica-a", holder(), "the standby did not take the lease while the leader renews it");

            first.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> "replica-b".equals(holder()));
            assertNull(client.batch().v1().jobs().inNamespace(NS).withName("second-market").get());
            client.resource(Samples.trainingJob(NS, "second")).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> jobExists("second-market"));
        }
    }
}
