package dev.caig.runtime.stage;

import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.InstructionTemplates;
import dev.caig.runtime.train.PromptExample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds the pre-training examples of one epoch over the three task families of METHOD.md section 2: image
 * understanding (describe the product, write its title), multimodal content understanding (background
 * description from image + title, and from the image alone), and prompt rewriting (a shuffled, shortened draft
 * back to a well-formed description). Background answers are drawn from the description grammar, uniformly:
 * pre-training teaches the form and variety of descriptions, not click preferences, which are PCPO's job.
 */
public final class PretrainExamples {
    /** A product as pre-training sees it: its image (CHW 0..255 at the model's size) and title. */
    public record Source(float[] image, String title) {
    }

    private final List<Source> products;
    private final int examplesPerProduct;
    private final long seed;

    public PretrainExamples(List<Source> products, int examplesPerProduct, long seed) {
        this.products = products;
        this.examplesPerProduct = examplesPerProduct;
        this.seed = seed;
    }

    /** The examples of an epoch; deterministic in the epoch, fresh descriptions every epoch. */
    public List<PromptExample> epoch(int epoch) {
        Random random = new Random(seed * 7_919L + epoch);
        DescriptionGenerator descriptions = new DescriptionGenerator(random.nextLong());
        List<PromptExample> out = new ArrayList<>();
        for (Source p : products) {
            for (int i = 0; i < examplesPerProduct; i++) {
                out.add(example(p, random, descriptions));
            }
        }
        return out;
    }

    private static PromptExample example(Source p, Random random, DescriptionGenerator descriptions) {
        double task = random.nextDouble();
        String title = InstructionTemplates.shortTitle(p.title());
        if (task < 0.50) {
            return new PromptExample(p.image(), InstructionTemplates.backgroundFor(p.title(), random), descriptions.next());
        }
        if (task < 0.65) {
            return new PromptExample(p.image(), InstructionTemplates.backgroundFromImage(random), descriptions.next());
        }
        if (task < 0.75) {
            return new PromptExample(p.image(), InstructionTemplates.describeProduct(random), title);
        }
        if (task < 0.82) {
            return new PromptExample(p.image(), InstructionTemplates.writeTitle(random), title);
        }
        String description = descriptions.next();
        return new PromptExample(p.image(), InstructionTemplates.rewrite(draft(description, random), random), description);
    }

    /** A rough draft of a description: its phrases shuffled and one dropped. */
    static String draft(String description, Random random) {
        List<String> phrases = new ArrayList<>(Arrays.asList(description.split("\\s*,\\s*")));
        Collections.shuffle(phrases, random);
        if (phrases.size() > 2) {
            phrases.remove(phrases.size() - 1);
        }
        return String.join(" ", phrases);
    }

    /** Every text the vocabulary must cover: instructions, titles, and the grammar's words. */
    public static List<String> vocabularyTexts(List<String> titles, java.util.Collection<String> grammarWords) {
        List<String> texts = new ArrayList<>(InstructionTemplates.allTemplateTexts());
        titles.forEach(t -> texts.add(InstructionTemplates.shortTitle(t)));
        texts.addAll(grammarWords);
        texts.add(", . :");
        return texts;
    }
}
