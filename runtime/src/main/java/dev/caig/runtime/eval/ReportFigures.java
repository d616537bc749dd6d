package dev.caig.runtime.eval;

import dev.caig.runtime.render.ContactSheet;
import dev.caig.runtime.stage.FinetuneStage;
import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.stage.RewardStage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's figures: training curves of each stage and the before/after contact sheet. */
final class ReportFigures {
    static final String DIR = "figures";
    static final String CONTACT_SHEET = "contact-sheet.png";
    private static final int SHEET_PRODUCTS = 6;

    private ReportFigures() {
    }

    static void write(Path out, Map<String, Path> models, List<Arm> arms, Map<String, Object> report) throws IOException {
        Path dir = Files.createDirectories(out.resolve(DIR));
        var pretrain = EvaluateStage.history(models.get(PretrainStage.NAME));
        EvaluateStage.writePng(new LineChart("Pre-training loss (answer tokens)", "epoch", "cross-entropy")
                .add("loss", column(pretrain, "loss")).render(640, 360), dir.resolve("pretrain-loss.png"));
        var reward = EvaluateStage.history(models.get(RewardStage.NAME));
        EvaluateStage.writePng(new LineChart("Reward model pairwise accuracy", "epoch", "accuracy")
                .add("train", column(reward, "trainAccuracy"))
                .add("validation (picks the epoch)", column(reward, "validationAccuracy"))
                .add("held-out", column(reward, "heldOutAccuracy")).render(640, 360), dir.resolve("reward-accuracy.png"));
        var pcpo = EvaluateStage.history(models.get(FinetuneStage.PCPO));
        var dpo = EvaluateStage.history(models.get(FinetuneStage.DPO));
        EvaluateStage.writePng(new LineChart("PCPO / DPO losses", "iteration", "loss")
                .add("pcpo L_dpo", column(pcpo, "dpoLoss")).add("pcpo L_pc", column(pcpo, "pcLoss"))
                .add("dpo L_dpo", column(dpo, "dpoLoss")).render(640, 360), dir.resolve("pcpo-losses.png"));
        EvaluateStage.writePng(new LineChart("Implicit reward margin (beta * z_dpo) and mean RM score of samples", "iteration", "margin / score")
                .add("pcpo margin", column(pcpo, "rewardMargin")).add("dpo margin", column(dpo, "rewardMargin"))
                .add("pcpo RM score", column(pcpo, "meanRewardScore")).add("dpo RM score", column(dpo, "meanRewardScore"))
                .render(640, 360), dir.resolve("pcpo-reward-margin.png"));
        EvaluateStage.writePng(contactSheet(arms), out.resolve(CONTACT_SHEET));
        report.put("figures", List.of(DIR + "/pretrain-loss.png", DIR + "/reward-accuracy.png", DIR + "/pcpo-losses.png",
                DIR + "/pcpo-reward-margin.png", CONTACT_SHEET));
    }

    static List<Double> column(List<Map<String, Double>> history, String key) {
        List<Double> out = new ArrayList<>();
        history.forEach(h -> out.add(h.get(key)));
        return out;
    }

    /** Arms the contact sheet shows, in this order, where present. */
    static final List<String> SHEET_ARMS = List.of("pretrained", "dpo", "pcpo", "best-of-n", "pcpo-reranked");

    /** Rows: held-out products; columns: the first creative of each model arm (before = pretrained, after = pcpo). */
    private static java.awt.image.BufferedImage contactSheet(List<Arm> arms) {
        List<Arm> shown = SHEET_ARMS.stream().flatMap(n -> arms.stream().filter(a -> a.name().equals(n))).toList();
        int perProduct = shown.get(0).creatives().size() / distinctProducts(shown.get(0));
        List<ContactSheet.Cell> cells = new ArrayList<>();
        for (int k = 0; k < Math.min(SHEET_PRODUCTS, distinctProducts(shown.get(0))); k++) {
            for (Arm arm : shown) {
                Arm.Creative c = arm.creatives().get(k * perProduct);
                cells.add(new ContactSheet.Cell(c.ad(), arm.name() + ": " + c.description()));
            }
        }
        return new ContactSheet(240, shown.size()).render(cells);
    }

    private static int distinctProducts(Arm arm) {
        return (int) arm.creatives().stream().map(Arm.Creative::productId).distinct().count();
    }
}
