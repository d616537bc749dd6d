package dev.caig.runtime.market;

import dev.caig.runtime.text.Lighting;
import dev.caig.runtime.text.Palette;
import dev.caig.runtime.text.Prop;
import dev.caig.runtime.text.Scene;
import dev.caig.runtime.text.SlotValue;
import dev.caig.runtime.text.Style;
import dev.caig.runtime.text.Surface;

import java.util.List;

/**
 * A selling point written into a product's title ("Christmas Gift Set", "Organic") that shifts which scenes suit
 * this one product: the part of the taste only the title reveals.
 */
public enum TitleTrait {
    FESTIVE(List.of("Christmas Gift Set", "Holiday Edition", "Festive Gift Box"),
            List.of(Style.FESTIVE, Prop.GIFT_BOXES, Prop.CANDLES, Palette.GOLDEN)),
    NATURAL(List.of("Organic", "Natural", "Plant-Based", "Eco"),
            List.of(Style.NATURAL, Prop.LEAVES, Scene.OUTDOOR_GARDEN, Surface.WOODEN, Scene.FOREST)),
    LUXURY(List.of("Premium", "Luxury Edition", "Signature"),
            List.of(Style.LUXURY, Palette.DARK, Surface.VELVET, Surface.MARBLE, Lighting.STUDIO_SPOTLIGHT)),
    SUMMER(List.of("Summer Edition", "Refreshing", "Cooling"),
            List.of(Scene.BEACH, Prop.ICE_CUBES, Prop.FRUIT, Lighting.GOLDEN_HOUR, Prop.SHELLS)),
    WINTER(List.of("Winter Limited", "Warming", "Cozy Night"),
            List.of(Scene.SNOWY_MOUNTAIN, Prop.SNOWFLAKES, Style.COZY, Lighting.WARM_LAMP, Surface.SNOW));

    private final List<String> phrases;
    private final List<SlotValue> favours;

    TitleTrait(List<String> phrases, List<SlotValue> favours) {
        this.phrases = phrases;
        this.favours = favours;
    }

    /** Title phrases that announce the trait. */
    public List<String> phrases() {
        return phrases;
    }

    /** Slot values that lift the CTR of a product with this trait. */
    public List<SlotValue> favours() {
        return favours;
    }
}
