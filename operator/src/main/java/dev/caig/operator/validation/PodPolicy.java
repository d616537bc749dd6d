package dev.caig.operator.validation;

import java.util.List;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.PodSettings;

/**
 * What the platform team lets a resource choose for its pods (chart values podPolicy.*): image prefixes, service
 * accounts and priority classes. An empty list allows any value. Unset fields are always allowed: they mean the
 * operator's own runtime images, the namespace's default service account and the cluster's default priority.
 */
public record PodPolicy(List<String> allowedImagePrefixes, List<String> allowedServiceAccounts,
        List<String> allowedPriorityClasses) {

    public static final PodPolicy OPEN = new PodPolicy(List.of(), List.of(), List.of());

    public PodPolicy {
        allowedImagePrefixes = List.copyOf(allowedImagePrefixes);
        allowedServiceAccounts = List.copyOf(allowedServiceAccounts);
        allowedPriorityClasses = List.copyOf(allowedPriorityClasses);
    }

    /** The same check on a spec that makes runtime pods. */
    public Optional<String> check(PodSettings pod) {
        return check(pod.getImage(), pod.getServiceAccountName(), pod.getPriorityClassName());
    }

    /** The first choice the policy refuses, as one line naming the field and the chart value, or empty. */
    public Optional<String> check(String image, String serviceAccountName, String priorityClassName) {
        return Checks.firstPresent(
                () -> image == null || allowedImagePrefixes.isEmpty() || allowedImagePrefixes.stream().anyMatch(image::startsWith)
                        ? Optional.empty()
                        : Optional.of("spec.image '" + image + "' is not allowed here: images must start with one of "
                                + allowedImagePrefixes + " (operator setting podPolicy.allowedImages)"),
                () -> refused("spec.serviceAccountName", serviceAccountName, allowedServiceAccounts, "allowedServiceAccounts"),
                () -> refused("spec.priorityClassName", priorityClassName, allowedPriorityClasses, "allowedPriorityClasses"));
    }

    private static Optional<String> refused(String field, String value, List<String> allowed, String setting) {
        if (value == null || allowed.isEmpty() || allowed.contains(value)) {
            return Optional.empty();
        }
        return Optional.of(field + " '" + value + "' is not allowed here: use one of " + allowed
                + " (operator setting podPolicy." + setting + ")");
    }
}
