package dev.caig.operator.validation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Toleration;

/** The API server's own toleration rules, checked before any pod is made from them. */
public final class Tolerations {
    private static final Set<String> EFFECTS = Set.of("", "NoSchedule", "PreferNoSchedule", "NoExecute");

    private Tolerations() {
    }

    public static Optional<String> check(String field, List<Toleration> tolerations) {
        if (tolerations == null) {
            return Optional.empty();
        }
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            String at = field + "[" + i + "]";
            String op = t.getOperator() == null ? "Equal" : t.getOperator();
            if (!op.equals("Equal") && !op.equals("Exists")) {
                return Optional.of(at + ".operator: '" + op + "' must be Equal or Exists");
            }
            if (op.equals("Exists") && t.getValue() != null && !t.getValue().isEmpty()) {
                return Optional.of(at + ".value must be empty when operator is Exists");
            }
            if ((t.getKey() == null || t.getKey().isEmpty()) && !op.equals("Exists")) {
                return Optional.of(at + ".operator must be Exists when key is empty");
            }
            if (t.getEffect() != null && !EFFECTS.contains(t.getEffect())) {
                return Optional.of(at + ".effect: '" + t.getEffect() + "' must be NoSchedule, PreferNoSchedule or NoExecute");
            }
            if (t.getTolerationSeconds() != null && !"NoExecute".equals(t.getEffect())) {
                return Optional.of(at + ".tolerationSeconds is only allowed with effect NoExecute");
            }
        }
        return Optional.empty();
    }
}
