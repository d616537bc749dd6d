package dev.caig.runtime.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level vocabulary of the prompt model, built from the training texts and saved with the model. Words are
 * lower-cased runs of letters and digits; commas, periods and colons are tokens of their own, because the
 * background descriptions are comma-separated phrases.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    public static final String IMAGE = "<image>";
    public static final String SEP = "<sep>";
    private static final List<String> SPECIALS = List.of(PAD, BOS, EOS, UNK, IMAGE, SEP);
    private static final Pattern TOKEN = Pattern.compile("<image>|[a-z0-9]+|[,.:]");

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    @JsonCreator
    public Vocabulary(@JsonProperty("words") List<String> words) {
        if (!words.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("vocabulary must start with the special tokens " + SPECIALS);
        }
        this.words = List.copyOf(words);
        for (int i = 0; i < this.words.size(); i++) {
            ids.put(this.words.get(i), i);
        }
    }

    /** Builds a vocabulary of every word that occurs at least {@code minCount} times in {@code texts}, sorted. */
    public static Vocabulary build(Collection<String> texts, int minCount) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String text : texts) {
            for (String word : split(text)) {
                if (!SPECIALS.contains(word)) {
                    counts.merge(word, 1, Integer::sum);
                }
            }
        }
        List<String> words = new ArrayList<>(SPECIALS);
        counts.forEach((word, count) -> {
            if (count >= minCount) {
                words.add(word);
            }
        });
        return new Vocabulary(words);
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public int[] encode(String text) {
        return split(text).stream().mapToInt(this::id).toArray();
    }

    public int id(String word) {
        return ids.getOrDefault(word, ids.get(UNK));
    }

    /** Joins tokens back into text, stopping at the first end-of-sequence token and skipping specials. */
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            String word = words.get(id);
            if (word.equals(EOS)) {
                break;
            }
            if (SPECIALS.contains(word)) {
                continue;
            }
            boolean punctuation = word.length() == 1 && ",.:".contains(word);
            if (sb.length() > 0 && !punctuation) {
                sb.append(' ');
            }
            sb.append(word);
        }
        return sb.toString();
    }

    public int size() {
        return words.size();
    }

    @JsonProperty("words")
    public List<String> words() {
        return words;
    }

    public int pad() {
        return 0;
    }

    public int bos() {
        return ids.get(BOS);
    }

    public int eos() {
        return ids.get(EOS);
    }

    public int image() {
        return ids.get(IMAGE);
    }

    public int sep() {
        return ids.get(SEP);
    }
}
