package dev.caig.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The RBAC rules a rendered chart grants its service account, and whether they allow a request. */
final class RbacRules {
    /** One PolicyRule, with where it applies: "*" for a ClusterRole bound cluster-wide, else one namespace. */
    record Grant(String scope, Set<String> groups, Set<String> resources, Set<String> verbs, Set<String> names) {
        boolean allows(ApiRequest r) {
            boolean inScope = scope.equals("*") || (!r.namespace().isEmpty() && scope.equals(r.namespace()));
            boolean nameOk = names.isEmpty() || (!r.name().isEmpty() && names.contains(r.name()));
            return inScope && nameOk && groups.contains(r.group()) && resources.contains(r.resource()) && verbs.contains(r.verb());
        }
    }

    private final List<Grant> grants;

    private RbacRules(List<Grant> grants) {
        this.grants = grants;
    }

    /** Rules bound to the chart's service account, by ClusterRoleBinding (everywhere) or RoleBinding (its namespace). */
    static RbacRules of(Chart.Rendered chart, String serviceAccount, String saNamespace) {
        List<Grant> grants = new ArrayList<>();
        for (String bindingKind : List.of("ClusterRoleBinding", "RoleBinding")) {
            for (JsonNode binding : chart.ofKind(bindingKind)) {
                boolean toUs = false;
                for (JsonNode s : binding.path("subjects")) {
                    toUs |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(serviceAccount)
                            && s.path("namespace").asText().equals(saNamespace);
                }
                if (!toUs) {
                    continue;
                }
                String scope = bindingKind.equals("ClusterRoleBinding") ? "*" : binding.path("metadata").path("namespace").asText();
                JsonNode ref = binding.path("roleRef");
                JsonNode role = ref.path("kind").asText().equals("ClusterRole")
                        ? chart.get("ClusterRole", ref.path("name").asText())
                        : chart.ofKind("Role").stream()
                                .filter(x -> x.path("metadata").path("name").asText().equals(ref.path("name").asText())
                                        && x.path("metadata").path("namespace").asText().equals(scope))
                                .findFirst().orElseThrow(() -> new AssertionError("RoleBinding to a missing Role: " + binding));
                for (JsonNode rule : role.path("rules")) {
                    grants.add(new Grant(scope, strings(rule.path("apiGroups")), strings(rule.path("resources")),
                            strings(rule.path("verbs")), strings(rule.path("resourceNames"))));
                }
            }
        }
        return new RbacRules(grants);
    }

    boolean allows(ApiRequest request) {
        return grants.stream().anyMatch(g -> g.allows(request));
    }

    List<Grant> grants() {
        return grants;
    }

    /** Every (group, resource, verb) some rule grants, wherever it applies. */
    Set<ApiRequest.Use> uses() {
        Set<ApiRequest.Use> out = new LinkedHashSet<>();
        for (Grant g : grants) {
            for (String group : g.groups()) {
                for (String resource : g.resources()) {
                    for (String verb : g.verbs()) {
                        out.add(new ApiRequest.Use(group, resource, verb));
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
