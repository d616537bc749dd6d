package dev.caig.runtime.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A background description reduced to its slots. Missing single-valued slots hold the neutral default
 * ({@link Scene#STUDIO_BACKDROP}, {@link Surface#MATTE}, {@link Palette#NEUTRAL}, {@link Lighting#EVEN}).
 */
public record SceneSpec(Scene scene, Surface surface, Palette palette, Lighting lighting, Set<Prop> props,
                        Set<Style> styles) {

    public static final SceneSpec NEUTRAL = new SceneSpec(Scene.STUDIO_BACKDROP, Surface.MATTE, Palette.NEUTRAL,
            Lighting.EVEN, Set.of(), Set.of());

    public SceneSpec {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(palette, "palette");
        Objects.requireNonNull(lighting, "lighting");
        props = Collections.unmodifiableSet(props.isEmpty() ? EnumSet.noneOf(Prop.class) : EnumSet.copyOf(props));
        styles = Collections.unmodifiableSet(styles.isEmpty() ? EnumSet.noneOf(Style.class) : EnumSet.copyOf(styles));
    }

    /** Parses free text tolerantly; see {@link DescriptionParser}. */
    public static SceneSpec parse(String description) {
        return DescriptionParser.parse(description);
    }

    public boolean has(Prop prop) {
        return props.contains(prop);
    }

    public boolean has(Style style) {
        return styles.contains(style);
    }

    /** Every slot value of this spec, single-valued slots first (for preference tables). */
    public List<SlotValue> values() {
        List<SlotValue> all = new ArrayList<>(List.of(scene, surface, palette, lighting));
        all.addAll(props);
        all.addAll(styles);
        return all;
    }

    /**
     * The description in the paper's style: comma-separated phrases, surface first, e.g.
     * "marble surface, bathroom shelf, soft daylight, pastel pink tones, water drops, minimalist".
     * Parsing the result gives this spec back.
     */
    public String toDescription() {
        List<String> parts = new ArrayList<>();
        parts.add(surface.phrase());
        parts.add(scene.phrase());
        parts.add(lighting.phrase());
        parts.add(palette.phrase());
        props.forEach(p -> parts.add(p.phrase()));
        styles.forEach(s -> parts.add(s.phrase()));
        return String.join(", ", parts);
    }
}
