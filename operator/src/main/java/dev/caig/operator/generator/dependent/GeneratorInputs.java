package dev.caig.operator.generator.dependent;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.generator.ResolvedModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the dependents need beyond the generator itself: the model the reconciler resolved (a store read) and the
 * operator's settings. Handed over through the workflow's context, because JOSDK creates the dependents itself.
 */
public record GeneratorInputs(ResolvedModel model, OperatorSettings settings) {
    private static final String KEY = GeneratorInputs.class.getName();

    public void putInto(Context<?> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    public static <P extends HasMetadata> GeneratorInputs from(Context<P> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, GeneratorInputs.class);
    }
}
