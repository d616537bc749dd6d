package dev.caig.runtime.render;

import dev.caig.runtime.text.Palette;
import dev.caig.runtime.text.Scene;

/**
 * The colours of one picture: the palette's mood mixed into the scene's own colours, so "kitchen, cool blue" is
 * a blue-tinted kitchen rather than either alone.
 */
record ColorScheme(int wallTop, int wallBottom, int accent1, int accent2, int accent3, int paletteMid) {

    /** How much the palette overrides the scene's own wall colours. */
    private static final double PALETTE_WEIGHT = 0.6;

    static ColorScheme of(Palette palette, Scene scene) {
        int[] p = paletteColors(palette);
        int[] s = sceneWall(scene);
        return new ColorScheme(Rgb.lerp(s[0], p[0], PALETTE_WEIGHT), Rgb.lerp(s[1], p[1], PALETTE_WEIGHT),
                p[2], p[3], p[4], Rgb.lerp(p[0], p[1], 0.5));
    }

    int accent(int i) {
        return switch (Math.floorMod(i, 3)) {
            case 0 -> accent1;
            case 1 -> accent2;
            default -> accent3;
        };
    }

    /** wall top, wall bottom, three accents. */
    private static int[] paletteColors(Palette palette) {
        return switch (palette) {
            case NEUTRAL -> new int[] {0xECE6DE, 0xD6CDC2, 0xC8B4A0, 0xA89C90, 0xF4EEE4};
            case WARM -> new int[] {0xF6D6AA, 0xDEA06E, 0xF08C3C, 0xD2503C, 0xFAC85A};
            case PASTEL_PINK -> new int[] {0xFADEE6, 0xECBECD, 0xF5AAC3, 0xFFE6EB, 0xDC96B4};
            case COOL_BLUE -> new int[] {0xC8DEF5, 0x96B9E1, 0x5A8CD2, 0xAAD2F0, 0x3C5AA0};
            case EARTHY -> new int[] {0xD6BEA0, 0xA0785A, 0xAA6E46, 0x788250, 0xC8A06E};
            case MONOCHROME -> new int[] {0xE1E1E1, 0x969696, 0x3C3C3C, 0xC8C8C8, 0x6E6E6E};
            case VIBRANT -> new int[] {0xFFD246, 0xFA6478, 0x28BEDC, 0xFA3C78, 0x78DC5A};
            case MINT_GREEN -> new int[] {0xD6F0E2, 0xA0D2BE, 0x6EBE96, 0xE6FAF0, 0x468C6E};
            case GOLDEN -> new int[] {0xF0D7A0, 0xBE9650, 0xD4AF37, 0xFFE18C, 0xA07828};
            case DARK -> new int[] {0x3C3C46, 0x191920, 0x786450, 0x505064, 0xB4965A};
            case LAVENDER -> new int[] {0xE1D2F5, 0xB4A0DC, 0xAA82DC, 0xF0E1FA, 0x785AAA};
        };
    }

    /** The scene's own wall/sky colours, top and bottom. */
    private static int[] sceneWall(Scene scene) {
        return switch (scene) {
            case STUDIO_BACKDROP -> new int[] {0xE8E8E8, 0xC8C8C8};
            case KITCHEN_COUNTER -> new int[] {0xF2EBDD, 0xE0D4BE};
            case BATHROOM_SHELF -> new int[] {0xEEF4F6, 0xD2DEE2};
            case LIVING_ROOM -> new int[] {0xE6D8C4, 0xC8B49A};
            case OFFICE_DESK -> new int[] {0xD8DCE0, 0xB4BAC2};
            case BEDROOM -> new int[] {0xE8DCD0, 0xCDB8A8};
            case OUTDOOR_GARDEN -> new int[] {0xBFE0F5, 0xE6F2F0};
            case BEACH -> new int[] {0x7CC0EC, 0xD6EEF8};
            case FOREST -> new int[] {0x4E6E46, 0x2E4A2E};
            case SNOWY_MOUNTAIN -> new int[] {0x9CC4E8, 0xE8F0F8};
            case NIGHT_CITY -> new int[] {0x0E1430, 0x2A2450};
            case CAFE_TABLE -> new int[] {0x8A6448, 0x5E4030};
        };
    }
}
