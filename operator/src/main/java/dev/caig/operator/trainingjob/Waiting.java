package dev.caig.operator.trainingjob;

/** Why a stage that should run does not: reason (e.g. Unschedulable) and the cluster's own message. */
public record Waiting(String reason, String message) {
}
