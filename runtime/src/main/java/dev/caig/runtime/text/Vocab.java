package dev.caig.runtime.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text normalisation shared by the slot enums and the parser, so both split words the same way. */
final class Vocab {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Vocab() {
    }

    /** Lower-case words of a text; punctuation and other separators split words and are dropped. */
    static List<String> words(String text) {
        String normalised = NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }

    static List<String> aliases(String phrase, String... more) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(String.join(" ", words(phrase)));
        for (String alias : more) {
            all.add(String.join(" ", words(alias)));
        }
        return List.copyOf(new ArrayList<>(all));
    }
}
