package dev.caig.operator.crd.v1alpha1;

/** API group and version of the CAIG custom resources. */
public final class CaigGroup {
    public static final String NAME = "caig.dev";
    public static final String VERSION = "v1alpha1";

    private CaigGroup() {
    }

}
