package dev.caig.runtime.text;

import java.util.EnumSet;
import java.util.Random;

/**
 * Random background descriptions from the grammar: the historical creatives of the simulated market and the
 * "random" baseline. Seeded, so a run is reproducible.
 */
public final class DescriptionGenerator {

    private final Random random;

    public DescriptionGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A description like "marble surface, bathroom shelf, soft daylight, pastel pink tones, water drops, minimalist". */
    public String next() {
        return nextSpec().toDescription();
    }

    /** A random spec: every single-valued slot named, 0-2 props and 0-2 styles. */
    public SceneSpec nextSpec() {
        return randomSpec(random);
    }

    public static SceneSpec randomSpec(Random random) {
        Scene scene = pick(Scene.values(), random);
        Surface surface = pick(Surface.values(), random);
        Palette palette = pick(Palette.values(), random);
        Lighting lighting = pick(Lighting.values(), random);
        EnumSet<Prop> props = EnumSet.noneOf(Prop.class);
        int nProps = countOf(random);
        while (props.size() < nProps) {
            props.add(pick(Prop.values(), random));
        }
        EnumSet<Style> styles = EnumSet.noneOf(Style.class);
        int nStyles = countOf(random);
        while (styles.size() < nStyles) {
            styles.add(pick(Style.values(), random));
        }
        return new SceneSpec(scene, surface, palette, lighting, props, styles);
    }

    /** 0, 1 or 2 with probabilities 0.25, 0.45, 0.30. */
    private static int countOf(Random random) {
        double u = random.nextDouble();
        return u < 0.25 ? 0 : u < 0.70 ? 1 : 2;
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
