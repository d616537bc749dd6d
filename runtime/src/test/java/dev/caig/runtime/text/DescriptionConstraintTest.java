package dev.caig.runtime.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptionConstraintTest {

    @Test
    void anAnswerStartsWithAPhraseAndEndsOnlyAfterAWholeOne() {
        Set<String> first = DescriptionConstraint.allowedNext(List.of(), 24);
        assertTrue(first.contains("marble"), first.toString());
        assertFalse(first.contains(DescriptionConstraint.END) || first.contains(DescriptionConstraint.COMMA));
        Set<String> afterPhrase = DescriptionConstraint.allowedNext(List.of("marble", "surface"), 24);
        assertTrue(afterPhrase.contains(DescriptionConstraint.END) && afterPhrase.contains(DescriptionConstraint.COMMA));
        Set<String> afterComma = DescriptionConstraint.allowedNext(List.of("marble", "surface", ","), 24);
        assertFalse(afterComma.contains(DescriptionConstraint.END), "no dangling comma");
        assertEquals(Set.of(DescriptionConstraint.END), DescriptionConstraint.allowedNext(List.of("marble", "surface"), 1),
                "the last token a budget allows ends a complete answer");
    }

    @Test
    void aNamedSlotIsNotNamedAgain() {
        String surface = Surface.WOODEN.aliases().get(0);
        List<String> answer = new ArrayList<>(List.of(surface.split(" ")));
        answer.add(",");
        Set<String> next = DescriptionConstraint.allowedNext(answer, 24);
        for (SlotValue v : DescriptionGrammar.values(Slot.SURFACE)) {
            for (String alias : v.aliases()) {
                String w = alias.split(" ")[0];
                boolean sharedFirstWord = DescriptionGrammar.allValues().stream().filter(o -> o.slot() != Slot.SURFACE)
                        .flatMap(o -> o.aliases().stream()).anyMatch(a -> a.split(" ")[0].equals(w));
                if (!sharedFirstWord) {
                    assertFalse(next.contains(w), "a second surface may not start: " + w);
                }
            }
        }
    }

    /** Whatever the policy prefers among the allowed tokens, the answer is well-formed. */
    @Test
    void everyRandomWalkThroughTheConstraintIsWellFormed() {
        Random random = new Random(4);
        for (int walk = 0; walk < 300; walk++) {
            List<String> answer = new ArrayList<>();
            int budget = 6 + random.nextInt(20);
            while (true) {
                List<String> allowed = new ArrayList<>(DescriptionConstraint.allowedNext(answer, budget - answer.size()));
                allowed.sort(null);
                assertFalse(allowed.isEmpty(), "stuck after " + answer);
                String token = allowed.get(random.nextInt(allowed.size()));
                if (token.equals(DescriptionConstraint.END)) {
                    break;
                }
                answer.add(token);
                if (answer.size() >= budget) {
                    break;
                }
            }
            String text = String.join(" ", answer).replace(" ,", ",");
            if (answer.size() < budget) {
                assertTrue(DescriptionParser.isWellFormed(text), text);
            }
        }
    }
}
