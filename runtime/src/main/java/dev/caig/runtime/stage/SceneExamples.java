package dev.caig.runtime.stage;

import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.SceneSpec;
import dev.caig.runtime.text.SlotValue;
import dev.caig.runtime.train.SceneExample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ads the frozen renderer draws of the training products from random descriptions, each labelled with its
 * description's slot values: free, exact labels of what a background shows, so the reward model learns to see scene,
 * surface, lighting and palette from pixels before (and while) the noisy clicks teach it which of them sell. Needs
 * nothing from the click logs, so it works the same on user data.
 */
public final class SceneExamples {
    private SceneExamples() {
    }

    /** Number of outputs of the scene head: every slot value of the description grammar. */
    public static int values() {
        return DescriptionGrammar.allValues().size();
    }

    /** Multi-hot target over {@link DescriptionGrammar#allValues()} of a description. */
    public static float[] target(String description) {
        Map<SlotValue, Integer> index = new HashMap<>();
        List<SlotValue> all = DescriptionGrammar.allValues();
        for (int i = 0; i < all.size(); i++) {
            index.put(all.get(i), i);
        }
        float[] out = new float[all.size()];
        for (SlotValue v : SceneSpec.parse(description).values()) {
            out[index.get(v)] = 1f;
        }
        return out;
    }

    /**
     * {@code perProduct} ads of each product, rendered as the market's and PCPO's ads are (render seed and size), added
     * to the image table.
     */
    public static List<SceneExample> render(List<TrainingData.Product> products, int perProduct, AdRenderer renderer,
                                            long renderSeed, int renderSize, long seed,
                                            RewardStage.CreativeImages images, Progress progress) {
        List<SceneExample> out = new ArrayList<>();
        for (int k = 0; k < products.size(); k++) {
            DescriptionGenerator generator = new DescriptionGenerator(seed * 7_727L + k);
            for (int i = 0; i < perProduct; i++) {
                String description = generator.next();
                int index = images.add(renderer.render(products.get(k).image(), description, renderSeed, renderSize));
                out.add(new SceneExample(index, target(description)));
            }
            progress.advance(perProduct);
        }
        return out;
    }
}
