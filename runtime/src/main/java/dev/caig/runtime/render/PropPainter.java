package dev.caig.runtime.render;

import dev.caig.runtime.text.Prop;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws the described props as simple shaded shapes. Standing props go on the surface to the left and right of
 * where the product will stand, scaled by perspective; drops and snowflakes float over the whole picture.
 */
final class PropPainter {
    private PropPainter() {
    }

    private record Placement(Prop prop, double x, double y, double scale, int index) {
    }

    static void paint(Frame f) {
        Graphics2D g = f.graphics();
        try {
            if (f.spec.has(Prop.GEOMETRIC_SHAPES)) {
                podium(f, g);
            }
            List<Placement> standing = new ArrayList<>();
            int side = f.random.nextInt(2);
            for (Prop prop : f.spec.props()) {
                if (prop == Prop.WATER_DROPS || prop == Prop.SNOWFLAKES) {
                    continue;
                }
                int count = f.detail < 1 ? 1 : 1 + f.random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    boolean left = (side++ % 2) == 0;
                    double x = left ? f.rnd(0.05, 0.24) : f.rnd(0.76, 0.95);
                    double floor = f.horizon / (double) f.size;
                    double y = f.rnd(floor + 0.1, 0.97);
                    double depth = (y - floor) / (1 - floor);
                    standing.add(new Placement(prop, x, y, f.s(0.13) * (0.55 + 0.6 * depth), i));
                }
            }
            standing.sort(Comparator.comparingDouble(Placement::y));
            for (Placement p : standing) {
                draw(f, g, p);
            }
            if (f.spec.has(Prop.WATER_DROPS)) {
                drops(f, g);
            }
            if (f.spec.has(Prop.SNOWFLAKES)) {
                snowflakes(f, g);
            }
        } finally {
            g.dispose();
        }
    }

    private static void draw(Frame f, Graphics2D g, Placement p) {
        double x = f.s(p.x), y = f.s(p.y), s = p.scale;
        contactShadow(g, x, y, s);
        switch (p.prop) {
            case FLOWERS -> flowers(f, g, x, y, s, p.index);
            case LEAVES -> leaves(f, g, x, y, s);
            case CANDLES -> candle(f, g, x, y, s);
            case BOOKS -> books(f, g, x, y, s);
            case FRUIT -> fruit(f, g, x, y, s, p.index);
            case GIFT_BOXES -> gift(f, g, x, y, s, p.index);
            case PEBBLES -> pebbles(f, g, x, y, s);
            case SHELLS -> shell(f, g, x, y, s);
            case GEOMETRIC_SHAPES -> sphere(f, g, x, y, s, p.index);
            case ICE_CUBES -> ice(f, g, x, y, s);
            default -> { }
        }
    }

    private static void contactShadow(Graphics2D g, double x, double y, double s) {
        g.setColor(new java.awt.Color(0, 0, 0, 45));
        g.fill(new Ellipse2D.Double(x - s * 0.55, y - s * 0.08, s * 1.1, s * 0.18));
    }

    private static void flowers(Frame f, Graphics2D g, double x, double y, double s, int idx) {
        // A small vase with three blooms.
        int vase = Rgb.lerp(0xF2EEE8, f.colors.accent2(), 0.3);
        g.setColor(Rgb.awt(vase));
        g.fill(new RoundRectangle2D.Double(x - s * 0.18, y - s * 0.5, s * 0.36, s * 0.5, s * 0.15, s * 0.15));
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.04)));
        int[] heads = {f.colors.accent1(), f.colors.accent3(), Rgb.lerp(f.colors.accent1(), 0xFFFFFF, 0.4)};
        for (int k = 0; k < 3; k++) {
            double hx = x + (k - 1) * s * 0.32;
            double hy = y - s * (1.05 + 0.2 * ((k + idx) % 2));
            g.setColor(Rgb.awt(0x4E8A3A));
            g.draw(new java.awt.geom.Line2D.Double(x, y - s * 0.45, hx, hy));
            bloom(g, hx, hy, s * 0.22, heads[k]);
        }
    }

    private static void bloom(Graphics2D g, double cx, double cy, double r, int color) {
        g.setColor(Rgb.awt(color));
        for (int i = 0; i < 5; i++) {
            double a = i * Math.PI * 2 / 5;
            double px = cx + Math.cos(a) * r * 0.6, py = cy + Math.sin(a) * r * 0.6;
            g.fill(new Ellipse2D.Double(px - r * 0.5, py - r * 0.5, r, r));
        }
        g.setColor(Rgb.awt(0xF6C83C));
        g.fill(new Ellipse2D.Double(cx - r * 0.3, cy - r * 0.3, r * 0.6, r * 0.6));
    }

    private static void leaves(Frame f, Graphics2D g, double x, double y, double s) {
        int green = Rgb.lerp(0x3E8A46, f.colors.accent3(), 0.15);
        for (int i = 0; i < 5; i++) {
            double angle = -Math.PI / 2 + (i - 2) * 0.38 + f.rnd(-0.1, 0.1);
            leaf(g, x, y, s * f.rnd(0.9, 1.4), angle, Rgb.scale(green, f.rnd(0.8, 1.2)));
        }
    }

    static void leaf(Graphics2D g, double x, double y, double len, double angle, int color) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(angle);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, 0);
        p.quadTo(len * 0.5, -len * 0.22, len, 0);
        p.quadTo(len * 0.5, len * 0.22, 0, 0);
        g.setColor(Rgb.awt(color));
        g.fill(p);
        g.setColor(Rgb.awt(Rgb.lerp(color, 0xFFFFFF, 0.35)));
        g.setStroke(new BasicStroke((float) Math.max(0.6, len * 0.02)));
        g.draw(new java.awt.geom.Line2D.Double(len * 0.05, 0, len * 0.9, 0));
        g.setTransform(saved);
    }

    private static void candle(Frame f, Graphics2D g, double x, double y, double s) {
        double h = s * f.rnd(0.6, 1.0);
        double w = s * 0.36;
        int wax = Rgb.lerp(0xF4EEE0, f.colors.accent2(), 0.25);
        g.setColor(Rgb.awt(wax));
        g.fill(new Rectangle2D.Double(x - w / 2, y - h, w, h));
        g.setColor(Rgb.awt(Rgb.scale(wax, 0.82)));
        g.fill(new Rectangle2D.Double(x + w * 0.2, y - h, w * 0.3, h));
        g.setColor(Rgb.awt(Rgb.lerp(wax, 0xFFFFFF, 0.3)));
        g.fill(new Ellipse2D.Double(x - w / 2, y - h - w * 0.12, w, w * 0.24));
        // Flame and its glow.
        for (int i = 4; i >= 1; i--) {
            double r = s * 0.12 * i;
            g.setColor(new java.awt.Color(255, 200, 110, 28));
            g.fill(new Ellipse2D.Double(x - r, y - h - s * 0.22 - r, 2 * r, 2 * r));
        }
        Path2D.Double flame = new Path2D.Double();
        flame.moveTo(x, y - h - s * 0.42);
        flame.quadTo(x + s * 0.1, y - h - s * 0.12, x, y - h - s * 0.05);
        flame.quadTo(x - s * 0.1, y - h - s * 0.12, x, y - h - s * 0.42);
        g.setColor(Rgb.awt(0xFFD25A));
        g.fill(flame);
    }

    private static void books(Frame f, Graphics2D g, double x, double y, double s) {
        double top = y;
        int n = 2 + f.random.nextInt(3);
        for (int i = 0; i < n; i++) {
            double w = s * f.rnd(1.0, 1.4);
            double h = s * f.rnd(0.14, 0.22);
            double ox = f.rnd(-0.1, 0.1) * s;
            int cover = Rgb.lerp(f.colors.accent(i), 0x505050, 0.2);
            g.setColor(Rgb.awt(cover));
            g.fill(new Rectangle2D.Double(x - w / 2 + ox, top - h, w, h));
            g.setColor(Rgb.awt(0xF4F0E6));
            g.fill(new Rectangle2D.Double(x - w / 2 + ox + w * 0.04, top - h * 0.8, w * 0.9, h * 0.6));
            g.setColor(Rgb.awt(cover));
            g.fill(new Rectangle2D.Double(x - w / 2 + ox, top - h, w * 0.08, h));
            top -= h;
        }
    }

    private static void fruit(Frame f, Graphics2D g, double x, double y, double s, int idx) {
        int[] skins = {0xF08C28, 0xF5D23C, 0xC8302C, 0x8CBE3C};
        for (int k = 0; k < 2; k++) {
            int skin = skins[(idx * 2 + k + f.random.nextInt(4)) % 4];
            double r = s * f.rnd(0.28, 0.36);
            double cx = x + (k - 0.5) * r * 1.5;
            double cy = y - r * (k == 0 ? 1 : 0.95);
            shadedBall(g, cx, cy, r, skin);
            leaf(g, cx, cy - r * 0.9, r * 0.8, -Math.PI / 4, 0x4E8A3A);
        }
    }

    static void shadedBall(Graphics2D g, double cx, double cy, double r, int color) {
        g.setColor(Rgb.awt(Rgb.scale(color, 0.72)));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        g.setColor(Rgb.awt(color));
        g.fill(new Ellipse2D.Double(cx - r * 0.92, cy - r * 0.95, r * 1.7, r * 1.7));
        g.setColor(Rgb.awt(Rgb.lerp(color, 0xFFFFFF, 0.6), 0.8));
        g.fill(new Ellipse2D.Double(cx - r * 0.55, cy - r * 0.6, r * 0.45, r * 0.35));
    }

    private static void gift(Frame f, Graphics2D g, double x, double y, double s, int idx) {
        double w = s * f.rnd(0.8, 1.1), h = s * f.rnd(0.6, 0.9);
        int box = f.colors.accent(idx + 1);
        int ribbon = Rgb.luma(box) > 0.6 ? 0xC0303C : 0xF2D27A;
        double d = w * 0.22;
        g.setColor(Rgb.awt(Rgb.scale(box, 0.7)));
        Path2D.Double side = new Path2D.Double();
        side.moveTo(x + w / 2, y - h);
        side.lineTo(x + w / 2 + d, y - h - d * 0.6);
        side.lineTo(x + w / 2 + d, y - d * 0.6);
        side.lineTo(x + w / 2, y);
        side.closePath();
        g.fill(side);
        Path2D.Double lid = new Path2D.Double();
        lid.moveTo(x - w / 2, y - h);
        lid.lineTo(x - w / 2 + d, y - h - d * 0.6);
        lid.lineTo(x + w / 2 + d, y - h - d * 0.6);
        lid.lineTo(x + w / 2, y - h);
        lid.closePath();
        g.setColor(Rgb.awt(Rgb.lerp(box, 0xFFFFFF, 0.2)));
        g.fill(lid);
        g.setColor(Rgb.awt(box));
        g.fill(new Rectangle2D.Double(x - w / 2, y - h, w, h));
        g.setColor(Rgb.awt(ribbon));
        g.fill(new Rectangle2D.Double(x - w * 0.06, y - h, w * 0.12, h));
        g.fill(new Ellipse2D.Double(x - w * 0.3, y - h - s * 0.2, w * 0.3, s * 0.22));
        g.fill(new Ellipse2D.Double(x, y - h - s * 0.2, w * 0.3, s * 0.22));
    }

    private static void pebbles(Frame f, Graphics2D g, double x, double y, double s) {
        double top = y;
        for (int i = 0; i < 3; i++) {
            double w = s * (1.0 - i * 0.25), h = s * (0.32 - i * 0.05);
            int c = Rgb.lerp(0x8C8A86, f.colors.paletteMid(), 0.2);
            c = Rgb.scale(c, 0.85 + 0.1 * i);
            g.setColor(Rgb.awt(c));
            g.fill(new Ellipse2D.Double(x - w / 2, top - h, w, h));
            g.setColor(Rgb.awt(Rgb.lerp(c, 0xFFFFFF, 0.3), 0.6));
            g.fill(new Ellipse2D.Double(x - w * 0.3, top - h * 0.95, w * 0.4, h * 0.35));
            top -= h * 0.85;
        }
    }

    private static void shell(Frame f, Graphics2D g, double x, double y, double s) {
        int c = Rgb.lerp(0xF4DCC8, f.colors.accent2(), 0.25);
        double r = s * 0.55;
        g.setColor(Rgb.awt(c));
        g.fill(new Arc2D.Double(x - r, y - r * 1.1, 2 * r, 2 * r, 20, 140, Arc2D.PIE));
        g.setColor(Rgb.awt(Rgb.scale(c, 0.75)));
        g.setStroke(new BasicStroke((float) Math.max(0.6, s * 0.03)));
        for (int i = 0; i < 6; i++) {
            double a = Math.toRadians(28 + i * 25);
            g.draw(new java.awt.geom.Line2D.Double(x, y - r * 0.1, x + Math.cos(a) * r, y - r * 0.1 - Math.sin(a) * r));
        }
    }

    private static void sphere(Frame f, Graphics2D g, double x, double y, double s, int idx) {
        int c = Rgb.lerp(f.colors.accent(idx), 0xFFFFFF, 0.15);
        if (idx % 2 == 0) {
            shadedBall(g, x, y - s * 0.4, s * 0.4, c);
        } else {
            double w = s * 0.8;
            g.setColor(Rgb.awt(c));
            g.fill(new Rectangle2D.Double(x - w / 2, y - w, w, w));
            g.setColor(Rgb.awt(Rgb.scale(c, 0.8)));
            g.fill(new Rectangle2D.Double(x + w * 0.2, y - w, w * 0.3, w));
        }
    }

    /** A low cylinder centred under the product: the pedestal of many product shots. */
    private static void podium(Frame f, Graphics2D g) {
        int c = Rgb.lerp(f.colors.accent2(), 0xFFFFFF, 0.25);
        double cx = f.s(0.5), top = f.s(0.84), rx = f.s(0.4), ry = f.s(0.06), h = f.s(0.12);
        g.setColor(Rgb.awt(Rgb.scale(c, 0.82)));
        g.fill(new Rectangle2D.Double(cx - rx, top, 2 * rx, h));
        g.fill(new Ellipse2D.Double(cx - rx, top + h - ry, 2 * rx, 2 * ry));
        g.setColor(Rgb.awt(c));
        g.fill(new Ellipse2D.Double(cx - rx, top - ry, 2 * rx, 2 * ry));
    }

    private static void ice(Frame f, Graphics2D g, double x, double y, double s) {
        for (int i = 0; i < 2; i++) {
            double w = s * f.rnd(0.45, 0.6);
            double cx = x + (i - 0.5) * w * 1.1, cy = y - w * 0.5;
            AffineTransform saved = g.getTransform();
            g.rotate(f.rnd(-0.4, 0.4), cx, cy);
            g.setColor(new java.awt.Color(210, 235, 250, 150));
            g.fill(new RoundRectangle2D.Double(cx - w / 2, cy - w / 2, w, w, w * 0.3, w * 0.3));
            g.setColor(new java.awt.Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke((float) Math.max(0.6, s * 0.03)));
            g.draw(new RoundRectangle2D.Double(cx - w / 2, cy - w / 2, w, w, w * 0.3, w * 0.3));
            g.fill(new Ellipse2D.Double(cx - w * 0.3, cy - w * 0.3, w * 0.2, w * 0.12));
            g.setTransform(saved);
        }
    }

    private static void drops(Frame f, Graphics2D g) {
        int n = f.detail < 1 ? 10 : 26;
        for (int i = 0; i < n; i++) {
            double r = f.s(f.rnd(0.006, 0.022));
            double x = f.s(f.rnd(0, 1)), y = f.s(f.rnd(0.05, 1));
            g.setColor(new java.awt.Color(30, 60, 90, 60));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            g.setColor(new java.awt.Color(235, 248, 255, 150));
            g.fill(new Ellipse2D.Double(x - r * 0.8, y - r * 0.9, r * 1.6, r * 1.6));
            g.setColor(new java.awt.Color(255, 255, 255, 230));
            g.fill(new Ellipse2D.Double(x - r * 0.5, y - r * 0.6, r * 0.5, r * 0.5));
        }
    }

    private static void snowflakes(Frame f, Graphics2D g) {
        int n = f.detail < 1 ? 25 : 70;
        for (int i = 0; i < n; i++) {
            double r = f.s(f.rnd(0.003, 0.012));
            double x = f.s(f.rnd(0, 1)), y = f.s(f.rnd(0, 0.95));
            g.setColor(new java.awt.Color(255, 255, 255, 120 + f.random.nextInt(120)));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }
}
