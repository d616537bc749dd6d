package dev.caig.runtime.market;

import dev.caig.runtime.text.Palette;

import java.util.Set;

/**
 * The family of a product's main colour; a palette of the same family looks coordinated with the product. This
 * is the part of the taste only the picture reveals.
 */
public enum ColorFamily {
    WARM(Set.of(Palette.WARM, Palette.EARTHY, Palette.GOLDEN)),
    COOL(Set.of(Palette.COOL_BLUE, Palette.MINT_GREEN, Palette.MONOCHROME)),
    PINK(Set.of(Palette.PASTEL_PINK, Palette.LAVENDER, Palette.NEUTRAL)),
    NEUTRAL(Set.of(Palette.MONOCHROME, Palette.NEUTRAL, Palette.DARK));

    private final Set<Palette> harmonious;

    ColorFamily(Set<Palette> harmonious) {
        this.harmonious = harmonious;
    }

    public Set<Palette> harmonious() {
        return harmonious;
    }

    /** The family of an RGB colour by hue, saturation and lightness. */
    public static ColorFamily of(int rgb) {
        float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, null);
        float hue = hsb[0] * 360, sat = hsb[1], bri = hsb[2];
        if (sat < 0.22 || bri < 0.2) {
            return NEUTRAL;
        }
        if (hue >= 290 || hue < 10 && sat < 0.5) {
            return PINK;
        }
        if (hue < 70 || hue >= 330) {
            return WARM;
        }
        return hue < 260 ? COOL : PINK;
    }
}
