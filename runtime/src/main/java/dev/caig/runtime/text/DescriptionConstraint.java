package dev.caig.runtime.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Grammar-constrained decoding of background descriptions: given the tokens of an answer so far (words and ","),
 * the tokens that keep it well-formed in the sense of {@link DescriptionParser#isWellFormed}: comma-separated known
 * phrases, scene, surface, palette and lighting at most once, no value twice, and the answer may end only after a
 * whole phrase (no dangling comma, no half phrase). The policy's own probabilities still choose among them.
 */
public final class DescriptionConstraint {
    public static final String COMMA = ",";
    public static final String END = Vocabulary.EOS;

    private record Phrase(List<String> words, SlotValue value) {
    }

    private static final List<Phrase> PHRASES = phrases();

    private DescriptionConstraint() {
    }

    /**
     * @param answer    the answer's tokens so far
     * @param remaining tokens the answer may still take, this one included; at 1 only {@link #END} is offered
     *                  when the answer may end
     * @return the tokens allowed next; empty when the answer cannot be completed well-formed
     */
    public static Set<String> allowedNext(List<String> answer, int remaining) {
        List<List<String>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        for (String token : answer) {
            if (token.equals(COMMA)) {
                parts.add(new ArrayList<>());
            } else {
                parts.get(parts.size() - 1).add(token);
            }
        }
        List<String> partial = parts.remove(parts.size() - 1);
        EnumSet<Slot> singles = EnumSet.noneOf(Slot.class);
        Set<SlotValue> used = new HashSet<>();
        for (List<String> part : parts) {
            Phrase p = exact(part);
            if (p == null) {
                return Set.of();
            }
            used.add(p.value());
            if (single(p.value().slot())) {
                singles.add(p.value().slot());
            }
        }
        Set<String> allowed = new HashSet<>();
        boolean complete = false;
        for (Phrase p : PHRASES) {
            if (used.contains(p.value()) || single(p.value().slot()) && singles.contains(p.value().slot())) {
                continue;
            }
            if (p.words().size() > partial.size() && p.words().subList(0, partial.size()).equals(partial)) {
                allowed.add(p.words().get(partial.size()));
            } else if (p.words().equals(partial)) {
                complete = true;
            }
        }
        if (complete) {
            if (remaining <= 1) {
                return Set.of(END);
            }
            allowed.add(END);
            allowed.add(COMMA);
        }
        return allowed;
    }

    private static Phrase exact(List<String> words) {
        for (Phrase p : PHRASES) {
            if (p.words().equals(words)) {
                return p;
            }
        }
        return null;
    }

    private static boolean single(Slot slot) {
        return slot != Slot.PROP && slot != Slot.STYLE;
    }

    private static List<Phrase> phrases() {
        List<Phrase> out = new ArrayList<>();
        for (SlotValue v : DescriptionGrammar.allValues()) {
            for (String alias : v.aliases()) {
                out.add(new Phrase(Arrays.asList(alias.split(" ")), v));
            }
        }
        return List.copyOf(out);
    }
}
