package dev.caig.runtime.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps free text to a {@link SceneSpec}: case-insensitive, longest known phrase first ("warm lamp light" beats
 * "warm"), unknown words ignored, the first value named wins for single-valued slots.
 */
public final class DescriptionParser {

    private record Alias(String[] words, SlotValue value) {
    }

    /** Aliases by their first word, longest first, so a greedy scan picks the longest phrase. */
    private static final Map<String, List<Alias>> BY_FIRST_WORD = index();

    private DescriptionParser() {
    }

    /**
     * Whether the text reads as a background description to the renderer: it names at least one known phrase and
     * no more unknown words than words in known phrases. Anything else is drawn as the neutral backdrop whatever it
     * says, so a learner must not be rewarded for it (a policy that emits a brand name and wins on a blank backdrop
     * has found a hole in the reward model, not a better background).
     */
    public static boolean describesBackground(String description) {
        if (description == null) {
            return false;
        }
        List<String> words = Vocab.words(description);
        int known = 0;
        int i = 0;
        while (i < words.size()) {
            Alias hit = match(words, i);
            if (hit == null) {
                i++;
            } else {
                known += hit.words.length;
                i += hit.words.length;
            }
        }
        return known > 0 && words.size() - known <= known;
    }

    /**
     * Whether a person would read the text as a clean description: every word belongs to a known phrase, scene,
     * surface, palette and lighting are each named at most once, no prop or style twice, and the text neither
     * starts nor ends with punctuation nor has an empty part between commas ("marble surface, , warm tones,").
     */
    public static boolean isWellFormed(String description) {
        if (description == null || description.isBlank()) {
            return false;
        }
        String text = description.strip();
        if (!Character.isLetterOrDigit(text.charAt(0)) || !Character.isLetterOrDigit(text.charAt(text.length() - 1))) {
            return false;
        }
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                return false;
            }
        }
        List<String> words = Vocab.words(text);
        EnumSet<Slot> singles = EnumSet.noneOf(Slot.class);
        java.util.Set<SlotValue> named = new java.util.HashSet<>();
        int i = 0;
        while (i < words.size()) {
            Alias hit = match(words, i);
            if (hit == null) {
                return false;
            }
            i += hit.words.length;
            Slot slot = hit.value.slot();
            boolean single = slot != Slot.PROP && slot != Slot.STYLE;
            if (single && !singles.add(slot) || !named.add(hit.value)) {
                return false;
            }
        }
        return !named.isEmpty();
    }

    public static SceneSpec parse(String description) {
        if (description == null) {
            return SceneSpec.NEUTRAL;
        }
        List<String> words = Vocab.words(description);
        Scene scene = null;
        Surface surface = null;
        Palette palette = null;
        Lighting lighting = null;
        EnumSet<Prop> props = EnumSet.noneOf(Prop.class);
        EnumSet<Style> styles = EnumSet.noneOf(Style.class);
        int i = 0;
        while (i < words.size()) {
            Alias hit = match(words, i);
            if (hit == null) {
                i++;
                continue;
            }
            i += hit.words.length;
            SlotValue v = hit.value;
            if (v instanceof Scene s && scene == null) {
                scene = s;
            } else if (v instanceof Surface s && surface == null) {
                surface = s;
            } else if (v instanceof Palette p && palette == null) {
                palette = p;
            } else if (v instanceof Lighting l && lighting == null) {
                lighting = l;
            } else if (v instanceof Prop p) {
                props.add(p);
            } else if (v instanceof Style s) {
                styles.add(s);
            }
        }
        return new SceneSpec(scene == null ? Scene.STUDIO_BACKDROP : scene,
                surface == null ? Surface.MATTE : surface,
                palette == null ? Palette.NEUTRAL : palette,
                lighting == null ? Lighting.EVEN : lighting, props, styles);
    }

    private static Alias match(List<String> words, int start) {
        Alias exact = longestAt(words, start, words.get(start));
        if (exact != null) {
            return exact;
        }
        // Tolerate a plural the vocabulary lacks ("vases" -> "vase"), for one-word aliases only.
        String w = words.get(start);
        if (w.length() > 3 && w.endsWith("s")) {
            for (Alias a : BY_FIRST_WORD.getOrDefault(w.substring(0, w.length() - 1), List.of())) {
                if (a.words.length == 1) {
                    return new Alias(new String[] {w}, a.value);
                }
            }
        }
        return null;
    }

    private static Alias longestAt(List<String> words, int start, String first) {
        for (Alias a : BY_FIRST_WORD.getOrDefault(first, List.of())) {
            if (start + a.words.length <= words.size()) {
                boolean all = true;
                for (int k = 1; k < a.words.length && all; k++) {
                    all = a.words[k].equals(words.get(start + k));
                }
                if (all) {
                    return a;
                }
            }
        }
        return null;
    }

    private static Map<String, List<Alias>> index() {
        Map<String, SlotValue> seen = new HashMap<>();
        Map<String, List<Alias>> index = new HashMap<>();
        for (SlotValue value : DescriptionGrammar.allValues()) {
            for (String alias : value.aliases()) {
                SlotValue before = seen.put(alias, value);
                if (before != null && before != value) {
                    throw new IllegalStateException("alias '" + alias + "' means both " + before + " and " + value);
                }
                String[] ws = alias.split(" ");
                index.computeIfAbsent(ws[0], k -> new ArrayList<>()).add(new Alias(ws, value));
            }
        }
        index.values().forEach(l -> l.sort(Comparator.comparingInt((Alias a) -> a.words.length).reversed()));
        return index;
    }
}
