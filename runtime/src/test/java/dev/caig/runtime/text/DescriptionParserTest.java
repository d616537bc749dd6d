package dev.caig.runtime.text;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptionParserTest {

    @Test
    void generatedDescriptionsAreWellFormed() {
        DescriptionGenerator generator = new DescriptionGenerator(9);
        for (int i = 0; i < 200; i++) {
            String d = generator.next();
            assertTrue(DescriptionParser.isWellFormed(d), d);
        }
    }

    @Test
    void danglingPunctuationRepeatsAndUnknownWordsAreNotWellFormed() {
        assertTrue(DescriptionParser.isWellFormed("marble surface, bathroom shelf, soft daylight"));
        assertFalse(DescriptionParser.isWellFormed("marble surface, bathroom shelf,"), "dangling comma");
        assertFalse(DescriptionParser.isWellFormed(", marble surface"), "leading comma");
        assertFalse(DescriptionParser.isWellFormed("marble surface, , bathroom shelf"), "empty part");
        assertFalse(DescriptionParser.isWellFormed("marble surface, bathroom shelf, beach"), "two scenes");
        assertFalse(DescriptionParser.isWellFormed("marble surface, flowers, flowers"), "a prop twice");
        assertFalse(DescriptionParser.isWellFormed("marble surface, zorblax"), "unknown word");
        assertFalse(DescriptionParser.isWellFormed(""));
        assertFalse(DescriptionParser.isWellFormed(null));
    }

    @Test
    void parsesThePapersStyleOfDescription() {
        SceneSpec spec = SceneSpec.parse("marble surface, bathroom shelf, soft daylight, pastel pink tones, water drops, minimalist");
        assertEquals(Scene.BATHROOM_SHELF, spec.scene());
        assertEquals(Surface.MARBLE, spec.surface());
        assertEquals(Palette.PASTEL_PINK, spec.palette());
        assertEquals(Lighting.SOFT_DAYLIGHT, spec.lighting());
        assertEquals(Set.of(Prop.WATER_DROPS), spec.props());
        assertEquals(Set.of(Style.MINIMALIST), spec.styles());
    }

    @Test
    void isCaseInsensitiveAndIgnoresUnknownWords() {
        SceneSpec spec = SceneSpec.parse("WOODEN desk surface!! with zorblax quantum, Warm Lighting; bokeh effect");
        assertEquals(Surface.WOODEN, spec.surface());
        assertEquals(Scene.OFFICE_DESK, spec.scene());
        assertEquals(Lighting.WARM_LAMP, spec.lighting());
        assertEquals(Palette.NEUTRAL, spec.palette());
        assertEquals(Set.of(Style.BOKEH), spec.styles());
    }

    @Test
    void longerPhrasesWinOverTheirFirstWord() {
        assertEquals(Lighting.GOLDEN_HOUR, SceneSpec.parse("golden hour").lighting());
        assertEquals(Palette.NEUTRAL, SceneSpec.parse("golden hour").palette());
        assertEquals(Palette.GOLDEN, SceneSpec.parse("golden").palette());
        assertEquals(Scene.NIGHT_CITY, SceneSpec.parse("night city").scene());
        assertEquals(Lighting.EVEN, SceneSpec.parse("night city").lighting());
        assertEquals(Prop.LEAVES, SceneSpec.parse("green leaves").props().iterator().next());
    }

    @Test
    void missingSlotsGetNeutralDefaults() {
        assertEquals(SceneSpec.NEUTRAL, SceneSpec.parse(""));
        assertEquals(SceneSpec.NEUTRAL, SceneSpec.parse("nothing known here"));
        assertEquals(SceneSpec.NEUTRAL, SceneSpec.parse(null));
    }

    @Test
    void firstValueWinsForSingleSlotsAndPropsAccumulate() {
        SceneSpec spec = SceneSpec.parse("beach, forest, flowers, candles, fruit");
        assertEquals(Scene.BEACH, spec.scene());
        assertEquals(Set.of(Prop.FLOWERS, Prop.CANDLES, Prop.FRUIT), spec.props());
    }

    @Test
    void generatedDescriptionsParseBackToTheirSpec() {
        DescriptionGenerator generator = new DescriptionGenerator(5);
        for (int i = 0; i < 500; i++) {
            SceneSpec spec = generator.nextSpec();
            assertEquals(spec, SceneSpec.parse(spec.toDescription()), spec.toDescription());
        }
    }

    @Test
    void generatorIsReproducibleFromItsSeed() {
        DescriptionGenerator a = new DescriptionGenerator(9), b = new DescriptionGenerator(9);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void vocabularyCoversEveryPhraseWithAModestSlotSize() {
        for (Slot slot : Slot.values()) {
            int n = DescriptionGrammar.values(slot).size();
            assertTrue(n >= 8 && n <= 14, slot + " has " + n + " values");
        }
        for (SlotValue v : DescriptionGrammar.allValues()) {
            for (String word : DescriptionGrammar.tokenize(v.phrase())) {
                assertTrue(DescriptionGrammar.words().contains(word), word);
            }
        }
    }

    @Test
    void onlyTextMostlyMadeOfKnownPhrasesDescribesABackground() {
        assertTrue(DescriptionParser.describesBackground("marble surface, bathroom shelf, soft daylight"));
        assertTrue(DescriptionParser.describesBackground("oakridge , marble surface")); // 1 unknown word, 2 known
        assertFalse(DescriptionParser.describesBackground("oakridge"));
        assertFalse(DescriptionParser.describesBackground("oakridge maple cobalt marble")); // 3 unknown, 1 known
        assertFalse(DescriptionParser.describesBackground(""));
        assertFalse(DescriptionParser.describesBackground(null));
    }
}
