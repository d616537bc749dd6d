package dev.caig.operator.store;

/** A running stage's progress.json: step i of total, in unit (epoch, iteration, ...). */
public record StageProgress(String stage, int step, int total, String unit, String updated) {
}
