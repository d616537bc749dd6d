package dev.caig.operator.trainingjob;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;

/** The runtime's defaults that decide which stages exist (the rest are left to the runtime). */
public final class RuntimeDefaults {
    public static final int RETRY_LIMIT = 2;

    private RuntimeDefaults() {
    }

    public static boolean evaluateEnabled(AdImageTrainingJobSpec spec) {
        return spec.getEvaluate() == null || !Boolean.FALSE.equals(spec.getEvaluate().getEnabled());
    }

    public static boolean ablation(AdImageTrainingJobSpec spec) {
        return spec.getEvaluate() == null || !Boolean.FALSE.equals(spec.getEvaluate().getAblation());
    }

    public static int retryLimit(AdImageTrainingJobSpec spec) {
        return spec.getRetryLimit() == null ? RETRY_LIMIT : spec.getRetryLimit();
    }

    public static boolean suspended(AdImageTrainingJobSpec spec) {
        return Boolean.TRUE.equals(spec.getSuspend());
    }
}
