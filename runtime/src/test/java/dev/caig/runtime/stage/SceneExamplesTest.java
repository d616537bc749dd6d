package dev.caig.runtime.stage;

import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.SceneSpec;
import dev.caig.runtime.text.SlotValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SceneExamplesTest {
    @Test
    void theTargetMarksExactlyTheDescriptionsSlotValues() {
        String description = "marble surface, bathroom shelf, soft daylight, pastel pink tones, water drops, minimalist";
        float[] target = SceneExamples.target(description);
        List<SlotValue> all = DescriptionGrammar.allValues();
        assertEquals(all.size(), target.length);
        assertEquals(SceneExamples.values(), target.length);
        List<SlotValue> expected = SceneSpec.parse(description).values();
        int marked = 0;
        for (int i = 0; i < target.length; i++) {
            assertEquals(expected.contains(all.get(i)) ? 1f : 0f, target[i], all.get(i).toString());
            marked += (int) target[i];
        }
        assertEquals(6, marked, "surface, scene, lighting, palette, one prop, one style");
    }
}
