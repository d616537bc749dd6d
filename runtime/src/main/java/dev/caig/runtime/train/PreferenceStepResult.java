package dev.caig.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch means of one preference step.
 *
 * @param loss         L_dpo + L_pc + the anchors (the chosen NLL, the pre-training mix)
 * @param dpoLoss      L_dpo
 * @param pcLoss       L_pc (0 when pcpoWeight is 0: plain DPO)
 * @param chosenNll    the anchor, chosenNllWeight * -lp(y_w) / |y_w| (0 when its weight is 0: the paper's loss)
 * @param pretrainMix  the pre-training mix, its weight * the pre-training cross-entropy of the step's anchor batch
 * @param rewardMargin beta * z_dpo, DPO's implicit reward margin of chosen over rejected
 * @param accuracy     share of pairs with z_dpo > 0
 */
public record PreferenceStepResult(double loss, double dpoLoss, double pcLoss, double chosenNll, double pretrainMix,
                                   double rewardMargin, double accuracy) {
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("dpoLoss", dpoLoss);
        m.put("pcLoss", pcLoss);
        m.put("chosenNll", chosenNll);
        m.put("pretrainMix", pretrainMix);
        m.put("rewardMargin", rewardMargin);
        m.put("rewardAccuracy", accuracy);
        return m;
    }
}
