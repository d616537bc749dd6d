package dev.caig.operator.generator.dependent;

import dev.caig.operator.naming.ResourceNames;

/** The label selector of the informers for a generator's objects: only what this operator made for a generator. */
public final class GeneratorLabels {
    public static final String MANAGED = ResourceNames.MANAGED_BY + "=" + ResourceNames.OPERATOR + "," + ResourceNames.GENERATOR_LABEL;

    private GeneratorLabels() {
    }
}
