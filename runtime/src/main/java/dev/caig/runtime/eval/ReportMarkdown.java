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
        if (Boolean.FALSE.equals(reward.get("aboveChance"))) {
            md.append("**Warning: the reward model's held-out accuracy is not above chance** (one-sided binomial test at"
                    + " the 5 % level): its choices during fine-tuning and its reranking are no better than coin flips"
                    + " on these products, so lifts below are not evidence that it learnt the market.\n\n");
        }
        if (reward.get("freshCandidates") instanceof Map<?, ?> fresh) {
            md.append(String.format(Locale.ROOT, "On fresh candidates (%s random descriptions for each of %s held-out products,"
                            + " the job PCPO and serving give the model): accuracy against the true CTR order %s over %s pairs;"
                            + " the model's pick has %+.1f %% true CTR over an average candidate, the oracle's pick %+.1f %%.%n%n",
                    fresh.get("candidates"), fresh.get("products"), num(fresh.get("accuracyTrueOrder")), fresh.get("pairs"),
                    100 * ((Number) fresh.get("pickLift")).doubleValue(), 100 * ((Number) fresh.get("oraclePickLift")).doubleValue()));
            if (Boolean.FALSE.equals(fresh.get("aboveChance"))) {
                md.append("**Warning: on fresh candidates the reward model orders true CTRs no better than chance** (one-sided"
                        + " binomial test at the 5 % level): what PCPO and reranking learn from it is noise.\n\n");
            }
        }
        if (report.get("ab") instanceof Map<?, ?> ab) {
            md.append("## Simulated online A/B test\n\n")
                    .append(String.format(Locale.ROOT, "%s impressions per arm over %s held-out products (%s creatives per arm)."
                                    + " Lift is relative to the pre-trained arm. The 95 %% CI and the p-values (two-proportion"
                                    + " z-test) cover click noise only, for these models and creatives: the spread over"
                                    + " training seeds is larger (bench/seeds.sh). A reranked arm shows the reward model's rank 1"
                                    + " of several samples, as serving does; its p-value is against pretrained-reranked.%n%n",
                            ab.get("impressionsPerArm"), ab.get("heldOutProducts"), ab.get("creativesPerArm")));
            if (report.get("universalDescription") != null) {
                md.append("universal shows one description for every product: \"").append(report.get("universalDescription"))
                        .append("\", the best mean true CTR over the held-out products among random ones.\n\n");
            }
            if (report.get("productCentricHeadroom") instanceof Map<?, ?> headroom) {
                md.append(headroom((List<ArmResult>) ab.get("arms"), headroom));
            }
            md.append("| arm | clicks | CTR | mean true CTR | lift vs pre-trained | 95 % CI (click noise) | p-value |"
                            + " p vs pretrained-reranked | match rate | well-formed | distinct per product |"
                            + " top description's share |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ArmResult a : (List<ArmResult>) ab.get("arms")) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f %% | %.4f %% | %s | %s | %s | %s | %.1f %% | %.1f %% | %.2f | %.1f %% |%n",
                        a.name(), a.clicks(), 100 * a.ctr(), 100 * a.meanTrueCtr(),
                        a.pValue() == null ? "reference" : String.format(Locale.ROOT, "%+.2f %%", 100 * a.liftVsPretrained()),
                        a.ci95() == null ? "" : String.format(Locale.ROOT, "[%+.2f %%, %+.2f %%]",
                                100 * a.ci95().get(0), 100 * a.ci95().get(1)),
                        a.pValue() == null ? "" : pValue(a.pValue()),
                        a.pValueVs() == null ? "" : pValue(a.pValueVs().get(SimulatedAbTest.PRETRAINED_RERANKED)),
                        100 * a.matchRate(), 100 * a.wellFormedRate(), a.distinctPerProduct(),
                        100 * a.topDescriptionShare()));
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

    /**
     * How far descriptions tailored to each product could go beyond universal among the same random candidates, in
     * true CTR (no clicks): universal's candidates, each product's own best against the one best for all.
     */
    private static String headroom(List<ArmResult> arms, Map<?, ?> headroom) {
        double universal = ((Number) headroom.get("universalMeanTrueCtr")).doubleValue();
        double perProduct = ((Number) headroom.get("perProductBestMeanTrueCtr")).doubleValue();
        double pretrained = arms.stream().filter(a -> a.name().equals("pretrained")).mapToDouble(ArmResult::meanTrueCtr)
                .findFirst().orElse(Double.NaN);
        return String.format(Locale.ROOT, "Product-centric headroom: among the same %s random descriptions, each held-out"
                        + " product's own best has a mean true CTR of %.4f %% (%+.1f %% over the pre-trained arm's), against"
                        + " universal's %.4f %% (%+.1f %%): how much tailoring among these candidates is worth. A policy"
                        + " passes universal by tailoring descriptions to products or with one style better than all these"
                        + " candidates; the top description's share in the table below tells which.%n%n",
                headroom.get("candidates"), 100 * perProduct, 100 * (perProduct / pretrained - 1),
                100 * universal, 100 * (universal / pretrained - 1))
                + rewardModelChoices(headroom, pretrained);
    }

    /** The same candidates as the reward model chooses them: whether it, or the policy, holds PCPO back. */
    private static String rewardModelChoices(Map<?, ?> headroom, double pretrained) {
        double pick = ((Number) headroom.get("rewardModelPickMeanTrueCtr")).doubleValue();
        double shared = ((Number) headroom.get("rewardModelUniversalMeanTrueCtr")).doubleValue();
        return String.format(Locale.ROOT, "Chosen by the reward model instead of the oracle: its pick for each product"
                        + " has a mean true CTR of %.4f %% (%+.1f %%), its one best description for all %.4f %% (%+.1f %%)."
                        + " A policy that learnt the reward model perfectly would show about the first among these candidates.%n%n",
                100 * pick, 100 * (pick / pretrained - 1), 100 * shared, 100 * (shared / pretrained - 1));
    }

    /** "< 1e-15" below what a double's normal CDF resolves, else three significant digits. */
    static String pValue(Double p) {
        if (p == null || p.isNaN()) {
            return "n/a";
        }
        return p < 1e-15 ? "< 1e-15" : String.format(Locale.ROOT, "%.3g", p);
    }

    private static String num(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
    }
}
