package dev.caig.runtime.model;

import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.DescriptionParser;
import dev.caig.runtime.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An untrained policy writes word salad; under the description grammar every answer is well-formed. */
class GrammarConstrainedSamplingTest {
    private static final String INSTRUCTION = "<image> write a background for the product : rose hand cream";

    @Test
    void constrainedAnswersOfAnUntrainedModelAreWellFormedAndUnconstrainedOnesAreNot() {
        List<String> texts = new ArrayList<>(List.of(INSTRUCTION));
        DescriptionGenerator generator = new DescriptionGenerator(1);
        for (int i = 0; i < 400; i++) {
            texts.add(generator.next());
        }
        try (PromptModel model = PromptModel.create(TinyModels.config(), Vocabulary.build(texts, 1), 24, 7)) {
            int n = 40;
            List<float[]> images = Collections.nCopies(n, TinyModels.image(3, 16));
            List<String> instructions = Collections.nCopies(n, INSTRUCTION);
            long[] seeds = new long[n];
            for (int i = 0; i < n; i++) {
                seeds[i] = 1000 + i;
            }
            SamplingOptions free = new SamplingOptions(1.0, 1.0, 24);
            List<String> constrained = model.generate(images, instructions, free.describingBackgrounds(), seeds);
            List<String> unconstrained = model.generate(images, instructions, free, seeds);
            long wellFormed = constrained.stream().filter(DescriptionParser::isWellFormed).count();
            long wellFormedFree = unconstrained.stream().filter(DescriptionParser::isWellFormed).count();
            assertTrue(wellFormed >= n - 2, wellFormed + " of " + n + " well-formed: " + constrained);
            assertTrue(wellFormedFree < n / 2, "the test would pass without the constraint: " + unconstrained);
        }
    }
}
