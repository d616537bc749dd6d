package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The instructions of the prompt model's task families (METHOD.md section 2), several phrasings each as in the
 * paper. Each instruction places {@code <image>} first, where LLaVA's templates place it. Titles are cut to
 * {@link #MAX_TITLE_WORDS} words so long marketplace titles do not crowd the sequence.
 */
public final class InstructionTemplates {
    public static final int MAX_TITLE_WORDS = 12;

    private static final List<String> BACKGROUND_WITH_TITLE = List.of(
            "<image> the product is %s . write a background description for an ad image of this product .",
            "<image> product title : %s . describe a suitable background scene for its advertising image .",
            "<image> %s . suggest an ad background that makes people click .");
    private static final List<String> BACKGROUND_FROM_IMAGE = List.of(
            "<image> write a background description for an ad image of the product in the picture .",
            "<image> describe a suitable background scene for this product .");
    private static final List<String> DESCRIBE_PRODUCT = List.of(
            "<image> describe the product in the image .",
            "<image> what product is shown in the image ?");
    private static final List<String> WRITE_TITLE = List.of(
            "<image> write a title for the product in the image .");
    private static final List<String> REWRITE = List.of(
            "<image> rewrite this background prompt for the product : %s",
            "<image> improve the background prompt : %s");

    private InstructionTemplates() {
    }

    /** The instruction used to generate backgrounds at fine-tuning and serving time. */
    public static String backgroundFor(String title) {
        return String.format(Locale.ROOT, BACKGROUND_WITH_TITLE.get(0), shortTitle(title));
    }

    public static String backgroundFor(String title, Random random) {
        return String.format(Locale.ROOT, pick(BACKGROUND_WITH_TITLE, random), shortTitle(title));
    }

    public static String backgroundFromImage(Random random) {
        return pick(BACKGROUND_FROM_IMAGE, random);
    }

    public static String describeProduct(Random random) {
        return pick(DESCRIBE_PRODUCT, random);
    }

    public static String writeTitle(Random random) {
        return pick(WRITE_TITLE, random);
    }

    public static String rewrite(String draft, Random random) {
        return String.format(Locale.ROOT, pick(REWRITE, random), draft);
    }

    /** Every template with a placeholder word, so a vocabulary built from them knows all instruction words. */
    public static List<String> allTemplateTexts() {
        return java.util.stream.Stream.of(BACKGROUND_WITH_TITLE, BACKGROUND_FROM_IMAGE, DESCRIBE_PRODUCT, WRITE_TITLE, REWRITE)
                .flatMap(List::stream).map(t -> t.replace("%s", "")).toList();
    }

    public static String shortTitle(String title) {
        List<String> words = Vocabulary.split(title).stream().filter(w -> !w.equals(Vocabulary.IMAGE)).toList();
        return String.join(" ", words.subList(0, Math.min(MAX_TITLE_WORDS, words.size())));
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
