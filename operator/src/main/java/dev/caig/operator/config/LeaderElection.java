package dev.caig.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * Two replicas, one active: the Lease "caig-operator-lease" in the operator's namespace. Quarkus activates it in the
 * profiles listed by quarkus.operator-sdk.activate-leader-election-for-profiles (prod by default).
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
    public LeaderElection() {
        super("caig-operator-lease");
    }
}
