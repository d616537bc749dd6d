package dev.caig.runtime.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's headline numbers, flattened into the artifact manifest's metrics (the operator shows them). */
final class ReportMetrics {
    private ReportMetrics() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Number> of(Map<String, Object> report) {
        Map<String, Number> m = new LinkedHashMap<>();
        Map<String, Object> reward = (Map<String, Object>) report.get("reward");
        for (String key : List.of("accuracy", "ceiling", "accuracyTrueOrder", "pairs")) {
            if (reward.get(key) instanceof Number n) {
                m.put("reward." + key, n);
            }
        }
        if (reward.get("freshCandidates") instanceof Map<?, ?> fresh) {
            for (String key : List.of("accuracyTrueOrder", "pickLift", "oraclePickLift")) {
                if (fresh.get(key) instanceof Number n) {
                    m.put("reward.freshCandidates." + key, n);
                }
            }
        }
        Map<String, Double> wins = (Map<String, Double>) report.get("rewardWinRate");
        wins.forEach((k, v) -> m.put("winRate." + k, v));
        if (report.get("ab") instanceof Map<?, ?> ab) {
            for (ArmResult arm : (List<ArmResult>) ab.get("arms")) {
                m.put(arm.name() + ".ctr", arm.ctr());
                m.put(arm.name() + ".matchRate", arm.matchRate());
                m.put(arm.name() + ".wellFormedRate", arm.wellFormedRate());
                if (arm.pValue() != null) {
                    m.put(arm.name() + ".liftVsPretrained", arm.liftVsPretrained());
                    m.put(arm.name() + ".pValue", arm.pValue());
                }
                if (arm.pValueVs() != null) {
                    arm.pValueVs().forEach((other, p) -> m.put(arm.name() + ".pValueVs." + other, p));
                }
            }
        }
        return m;
    }
}
