package dev.caig.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Two replicas, one active: the Lease "caig-operator-lease" in the operator's own namespace. Quarkus activates it in
 * the profiles listed by quarkus.operator-sdk.activate-leader-election-for-profiles (prod).
 */
@ApplicationScoped
public class LeaderElection {
    public static final String LEASE = "caig-operator-lease";

    @Produces
    @Singleton
    @Unremovable // looked up programmatically by the extension, never injected
    LeaderElectionConfiguration leaderElection() {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE).build();
    }
}
