package dev.caig.runtime.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.md: the evaluation for people, the same numbers as report.json. */
final class ReportMarkdown {
    private ReportMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Evaluation on held-out products\n\n");
        Map<String, Object> reward = (Map<String, Object>) report.get("reward");
        md.append("## Reward model\n\n| pairs | accuracy | ceiling (true CTR order vs observed labels) | accuracy vs true order | chance |\n")
                .append("|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| %s | %s | %s | %s | 0.5 |%n%n", reward.get("pairs"),
                        num(reward.get("accuracy")), num(reward.get("ceiling")), num(reward.get("accuracyTrueOrder"))));
        if (reward.get("freshCandidates") instanceof Map<?, ?> fresh) {
            md.append(String.format(Locale.ROOT, "On fresh candidates (%s random descriptions for each of %s held-out products,"
                            + " the job PCPO and serving give the model): accuracy against the true CTR order %s over %s pairs;"
                            + " the model's pick has %+.1f %% true CTR over an average candidate, the oracle's pick %+.1f %%.%n%n",
                    fresh.get("candidates"), fresh.get("products"), num(fresh.get("accuracyTrueOrder")), fresh.get("pairs"),
                    100 * ((Number) fresh.get("pickLift")).doubleValue(), 100 * ((Number) fresh.get("oraclePickLift")).doubleValue()));
        }
        if (report.get("ab") instanceof Map<?, ?> ab) {
            md.append("## Simulated online A/B test\n\n")
                    .append(String.format(Locale.ROOT, "%s impressions per arm over %s held-out products (%s creatives per arm)."
                                    + " Lift is relative to the pre-trained arm; CI by the delta method on the log CTR ratio;"
                                    + " p-value from the two-proportion z-test.%n%n",
                            ab.get("impressionsPerArm"), ab.get("heldOutProducts"), ab.get("creativesPerArm")))
                    .append("| arm | clicks | CTR | mean true CTR | lift vs pre-trained | 95 % CI | p-value | match rate |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (ArmResult a : (List<ArmResult>) ab.get("arms")) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f %% | %.4f %% | %+.2f %% | [%+.2f %%, %+.2f %%] | %.3g | %.1f %% |%n",
                        a.name(), a.clicks(), 100 * a.ctr(), 100 * a.meanTrueCtr(), 100 * a.liftVsPretrained(),
                        100 * a.ci95().get(0), 100 * a.ci95().get(1), a.pValue(), 100 * a.matchRate()));
            }
            md.append('\n');
        } else {
            md.append("## No online lift\n\n").append(report.get("note")).append("\n\n");
        }
        md.append("## Reward-model win rate over the pre-trained model\n\n");
        ((Map<String, Double>) report.get("rewardWinRate")).forEach((k, v) ->
                md.append(String.format(Locale.ROOT, "- %s: %.1f %%%n", k, 100 * v)));
        md.append("\n## Figures\n\n");
        for (String f : (List<String>) report.get("figures")) {
            md.append("![").append(f).append("](").append(f).append(")\n");
        }
        return md.toString();
    }

    private static String num(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
    }
}
