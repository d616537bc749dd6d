package dev.caig.runtime.render;

import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Paints what is behind the product for each scene: wall or sky gradient plus a few recognisable, later blurred
 * shapes (tiles, a window, a skyline, mountains), in the scene's colours tinted by the palette.
 */
final class SceneBackdrop {
    private SceneBackdrop() {
    }

    static void paint(Frame f) {
        gradient(f);
        Graphics2D g = f.graphics();
        try {
            switch (f.spec.scene()) {
                case STUDIO_BACKDROP -> studio(f, g);
                case KITCHEN_COUNTER -> kitchen(f, g);
                case BATHROOM_SHELF -> bathroom(f, g);
                case LIVING_ROOM -> livingRoom(f, g);
                case OFFICE_DESK -> office(f, g);
                case BEDROOM -> bedroom(f, g);
                case OUTDOOR_GARDEN -> garden(f, g);
                case BEACH -> beach(f, g);
                case FOREST -> forest(f, g);
                case SNOWY_MOUNTAIN -> mountain(f, g);
                case NIGHT_CITY -> nightCity(f, g);
                case CAFE_TABLE -> cafe(f, g);
            }
        } finally {
            g.dispose();
        }
    }

    private static void gradient(Frame f) {
        int n = f.size;
        for (int y = 0; y < n; y++) {
            double t = Math.min(1, (double) y / Math.max(1, f.horizon));
            int c = Rgb.lerp(f.colors.wallTop(), f.colors.wallBottom(), t);
            java.util.Arrays.fill(f.px, y * n, (y + 1) * n, c);
        }
    }

    private static void studio(Frame f, Graphics2D g) {
        // A soft glow behind the product, as from a light aimed at the backdrop.
        int glow = Rgb.lerp(f.colors.wallTop(), 0xFFFFFF, 0.5);
        for (int i = 6; i >= 1; i--) {
            double r = 0.12 * i;
            g.setColor(Rgb.awt(glow, 0.08));
            g.fill(new Ellipse2D.Double(f.s(0.5 - r), f.s(0.42 - r * 0.8), f.s(2 * r), f.s(1.6 * r)));
        }
    }

    private static void kitchen(Frame f, Graphics2D g) {
        // Subway tiles up to the counter, upper cabinets at the top.
        int grout = Rgb.scale(f.colors.wallBottom(), 0.82);
        g.setColor(Rgb.awt(grout, 0.55 * f.detail));
        double th = 0.055, tw = 0.14;
        g.setStroke(new java.awt.BasicStroke(Math.max(1f, f.s(0.006))));
        for (int row = 0; row * th < 0.62; row++) {
            double y = 0.22 + row * th;
            if (y > f.horizon / (double) f.size) {
                break;
            }
            g.draw(new Rectangle2D.Double(0, f.s(y), f.size, 0.001));
            double off = (row % 2) * tw / 2;
            for (double x = -off; x < 1; x += tw) {
                g.draw(new java.awt.geom.Line2D.Double(f.s(x), f.s(y), f.s(x), f.s(y + th)));
            }
        }
        int cabinet = Rgb.lerp(f.colors.accent3(), Rgb.scale(f.colors.wallBottom(), 0.8), 0.5);
        g.setColor(Rgb.awt(cabinet));
        g.fill(new Rectangle2D.Double(0, 0, f.size, f.s(0.2)));
        g.setColor(Rgb.awt(Rgb.scale(cabinet, 0.8)));
        for (double x = 0.2; x < 1; x += 0.33) {
            g.fill(new Rectangle2D.Double(f.s(x), f.s(0.02), f.s(0.005), f.s(0.16)));
        }
        g.setColor(Rgb.awt(Rgb.scale(cabinet, 0.6), 0.6));
        g.fill(new Rectangle2D.Double(0, f.s(0.2), f.size, f.s(0.012)));
    }

    private static void bathroom(Frame f, Graphics2D g) {
        int grout = Rgb.scale(f.colors.wallBottom(), 0.85);
        g.setColor(Rgb.awt(grout, 0.6 * f.detail));
        double t = 0.12;
        for (double y = 0.04; y < f.horizon / (double) f.size; y += t) {
            g.fill(new Rectangle2D.Double(0, f.s(y), f.size, Math.max(1, f.s(0.005))));
        }
        for (double x = 0.02; x < 1; x += t) {
            g.fill(new Rectangle2D.Double(f.s(x), 0, Math.max(1, f.s(0.005)), f.horizon));
        }
        // A round mirror on the wall, reflecting a brighter room.
        int mirror = Rgb.lerp(f.colors.wallTop(), 0xFFFFFF, 0.55);
        g.setColor(Rgb.awt(Rgb.scale(f.colors.accent3(), 0.9), 0.9));
        g.fill(new Ellipse2D.Double(f.s(0.56), f.s(0.02), f.s(0.42), f.s(0.42)));
        g.setColor(Rgb.awt(mirror));
        g.fill(new Ellipse2D.Double(f.s(0.575), f.s(0.035), f.s(0.39), f.s(0.39)));
        // A towel hanging on the left.
        g.setColor(Rgb.awt(f.colors.accent2()));
        g.fill(new RoundRectangle2D.Double(f.s(0.04), f.s(0.18), f.s(0.16), f.s(0.3), f.s(0.03), f.s(0.03)));
        g.setColor(Rgb.awt(Rgb.scale(f.colors.accent2(), 0.85)));
        g.fill(new Rectangle2D.Double(f.s(0.04), f.s(0.42), f.s(0.16), f.s(0.025)));
    }

    private static void livingRoom(Frame f, Graphics2D g) {
        window(f, g, 0.04, 0.06, 0.36, 0.46, 2);
        // A sofa back and cushion on the right, a floor lamp on the left of it.
        int sofa = Rgb.lerp(f.colors.accent3(), 0x806A5A, 0.4);
        g.setColor(Rgb.awt(sofa));
        g.fill(new RoundRectangle2D.Double(f.s(0.52), f.s(0.4), f.s(0.6), f.s(0.3), f.s(0.08), f.s(0.08)));
        g.setColor(Rgb.awt(Rgb.scale(sofa, 0.85)));
        g.fill(new RoundRectangle2D.Double(f.s(0.48), f.s(0.5), f.s(0.12), f.s(0.2), f.s(0.06), f.s(0.06)));
        g.setColor(Rgb.awt(f.colors.accent1()));
        g.fill(new RoundRectangle2D.Double(f.s(0.78), f.s(0.43), f.s(0.14), f.s(0.12), f.s(0.04), f.s(0.04)));
        frameOnWall(f, g, 0.6, 0.1, 0.2, 0.16);
    }

    private static void office(Frame f, Graphics2D g) {
        // Window blinds on the left, a bookshelf on the right.
        int light = Rgb.lerp(f.colors.wallTop(), 0xFFFFFF, 0.6);
        g.setColor(Rgb.awt(light));
        g.fill(new Rectangle2D.Double(f.s(0.04), f.s(0.06), f.s(0.42), f.s(0.42)));
        g.setColor(Rgb.awt(Rgb.scale(f.colors.wallBottom(), 0.9), 0.85));
        for (double y = 0.06; y < 0.48; y += 0.035) {
            g.fill(new Rectangle2D.Double(f.s(0.04), f.s(y), f.s(0.42), f.s(0.018)));
        }
        int wood = Rgb.lerp(0x6E5A46, f.colors.accent3(), 0.25);
        g.setColor(Rgb.awt(wood));
        for (double y = 0.16; y < 0.55; y += 0.17) {
            g.fill(new Rectangle2D.Double(f.s(0.6), f.s(y), f.s(0.4), f.s(0.018)));
            double x = 0.62;
            int i = 0;
            while (x < 0.97 && f.detail > 0.5) {
                double w = f.rnd(0.025, 0.045);
                double h = f.rnd(0.09, 0.14);
                g.setColor(Rgb.awt(f.colors.accent(i++ + (int) (y * 10))));
                g.fill(new Rectangle2D.Double(f.s(x), f.s(y - h), f.s(w), f.s(h)));
                x += w + 0.006;
                g.setColor(Rgb.awt(wood));
            }
        }
    }

    private static void bedroom(Frame f, Graphics2D g) {
        int head = Rgb.lerp(f.colors.accent3(), f.colors.wallBottom(), 0.4);
        g.setColor(Rgb.awt(head));
        g.fill(new RoundRectangle2D.Double(f.s(0.1), f.s(0.2), f.s(0.8), f.s(0.5), f.s(0.1), f.s(0.1)));
        g.setColor(Rgb.awt(Rgb.scale(head, 0.9)));
        for (double x = 0.18; x < 0.88; x += 0.12) {
            g.fill(new Rectangle2D.Double(f.s(x), f.s(0.24), Math.max(1, f.s(0.006)), f.s(0.4)));
        }
        g.setColor(Rgb.awt(Rgb.lerp(0xFFFFFF, f.colors.accent2(), 0.3)));
        g.fill(new RoundRectangle2D.Double(f.s(0.16), f.s(0.46), f.s(0.3), f.s(0.16), f.s(0.08), f.s(0.08)));
        g.fill(new RoundRectangle2D.Double(f.s(0.54), f.s(0.46), f.s(0.3), f.s(0.16), f.s(0.08), f.s(0.08)));
        // A bedside lamp glowing on the right.
        glow(f, g, 0.93, 0.3, 0.16, 0xFFE2A8, 0.35);
    }

    private static void garden(Frame f, Graphics2D g) {
        // Sky above, hedges and trees as clustered green blobs that the blur turns into foliage.
        int[] greens = {0x4F8A3C, 0x6AA84F, 0x3E7034, 0x88B860};
        int n = (int) (40 * Math.max(0.4, f.detail));
        for (int i = 0; i < n; i++) {
            double x = f.rnd(-0.05, 1.05);
            double y = f.rnd(0.2, 0.62);
            double r = f.rnd(0.05, 0.13);
            int c = Rgb.lerp(greens[i % greens.length], f.colors.accent(i), 0.15);
            g.setColor(Rgb.awt(c, 0.9));
            g.fill(new Ellipse2D.Double(f.s(x - r), f.s(y - r), f.s(2 * r), f.s(2 * r)));
        }
        // Flowers dotted in the hedge.
        for (int i = 0; i < 14 * f.detail; i++) {
            g.setColor(Rgb.awt(f.colors.accent(i)));
            double r = 0.012;
            g.fill(new Ellipse2D.Double(f.s(f.rnd(0, 1) - r), f.s(f.rnd(0.4, 0.62) - r), f.s(2 * r), f.s(2 * r)));
        }
    }

    private static void beach(Frame f, Graphics2D g) {
        int sea = Rgb.lerp(0x2A86B8, f.colors.accent1(), 0.2);
        g.setColor(Rgb.awt(sea));
        g.fill(new Rectangle2D.Double(0, f.s(0.42), f.size, f.horizon - f.s(0.42)));
        g.setColor(Rgb.awt(Rgb.lerp(sea, 0xFFFFFF, 0.35)));
        g.fill(new Rectangle2D.Double(0, f.s(0.42), f.size, Math.max(1, f.s(0.01))));
        g.setColor(Rgb.awt(0xFFFFFF, 0.5));
        for (int i = 0; i < 8 * f.detail; i++) {
            double y = f.rnd(0.46, 0.62);
            double x = f.rnd(-0.1, 0.9);
            g.fill(new Rectangle2D.Double(f.s(x), f.s(y), f.s(f.rnd(0.1, 0.3)), Math.max(1, f.s(0.006))));
        }
        // The sun and a cloud or two.
        glow(f, g, 0.8, 0.14, 0.1, 0xFFF4C8, 0.8);
        cloud(f, g, 0.2, 0.12, 0.12);
        cloud(f, g, 0.55, 0.25, 0.08);
    }

    private static void forest(Frame f, Graphics2D g) {
        int[] greens = {0x2C4A2A, 0x3C6434, 0x52804A};
        for (int i = 0; i < 30 * Math.max(0.4, f.detail); i++) {
            double r = f.rnd(0.06, 0.14);
            g.setColor(Rgb.awt(Rgb.lerp(greens[i % 3], f.colors.accent(i), 0.12), 0.85));
            g.fill(new Ellipse2D.Double(f.s(f.rnd(-0.1, 1.0)), f.s(f.rnd(-0.1, 0.5)), f.s(2 * r), f.s(2 * r)));
        }
        int trunk = Rgb.lerp(0x3A2A1E, f.colors.accent3(), 0.1);
        for (int i = 0; i < 7; i++) {
            double x = f.rnd(0, 1);
            double w = f.rnd(0.025, 0.06);
            g.setColor(Rgb.awt(Rgb.scale(trunk, f.rnd(0.8, 1.3))));
            g.fill(new Rectangle2D.Double(f.s(x), 0, f.s(w), f.horizon));
        }
        // Shafts of light through the canopy.
        g.setColor(Rgb.awt(0xFFF6D0, 0.14));
        for (int i = 0; i < 3; i++) {
            double x = f.rnd(0.1, 0.8);
            Path2D.Double shaft = new Path2D.Double();
            shaft.moveTo(f.s(x), 0);
            shaft.lineTo(f.s(x + 0.1), 0);
            shaft.lineTo(f.s(x + 0.3), f.horizon);
            shaft.lineTo(f.s(x + 0.15), f.horizon);
            shaft.closePath();
            g.fill(shaft);
        }
    }

    private static void mountain(Frame f, Graphics2D g) {
        int far = Rgb.lerp(0x8CA0BE, f.colors.accent3(), 0.15);
        ridge(f, g, 0.3, 0.5, far, 0.25, 5);
        int near = Rgb.lerp(0x5E708C, f.colors.accent3(), 0.15);
        ridge(f, g, 0.42, 0.64, near, 0.18, 4);
        // Dark pines along the foot of the slope.
        g.setColor(Rgb.awt(0x2A3C34));
        for (int i = 0; i < 18 * f.detail; i++) {
            double x = f.rnd(0, 1);
            double h = f.rnd(0.04, 0.09);
            double base = f.horizon / (double) f.size;
            Path2D.Double tree = new Path2D.Double();
            tree.moveTo(f.s(x), f.s(base - h));
            tree.lineTo(f.s(x + h * 0.3), f.s(base));
            tree.lineTo(f.s(x - h * 0.3), f.s(base));
            tree.closePath();
            g.fill(tree);
        }
    }

    private static void ridge(Frame f, Graphics2D g, double top, double base, int color, double cap, int peaks) {
        Path2D.Double p = new Path2D.Double();
        Path2D.Double snow = new Path2D.Double();
        p.moveTo(0, f.horizon);
        double step = 1.0 / peaks;
        for (int i = 0; i <= peaks; i++) {
            double x = i * step + f.rnd(-0.05, 0.05);
            double peakY = top + f.rnd(0, 0.12);
            double valleyY = base - f.rnd(0.05, 0.12);
            p.lineTo(f.s(x - step / 2), f.s(valleyY));
            p.lineTo(f.s(x), f.s(peakY));
            double capY = peakY + (valleyY - peakY) * cap * 1.6;
            double halfW = step / 2 * (capY - peakY) / (valleyY - peakY);
            snow.moveTo(f.s(x), f.s(peakY));
            snow.lineTo(f.s(x + halfW), f.s(capY));
            snow.lineTo(f.s(x + halfW * 0.3), f.s(capY - 0.015));
            snow.lineTo(f.s(x - halfW * 0.4), f.s(capY + 0.01));
            snow.lineTo(f.s(x - halfW), f.s(capY));
            snow.closePath();
        }
        p.lineTo(f.size, f.horizon);
        p.closePath();
        g.setColor(Rgb.awt(color));
        g.fill(p);
        g.setColor(Rgb.awt(0xF4F8FC));
        g.fill(snow);
    }

    private static void nightCity(Frame f, Graphics2D g) {
        double x = -0.02;
        int body = Rgb.lerp(0x2C3458, f.colors.accent3(), 0.12);
        while (x < 1.02) {
            double w = f.rnd(0.07, 0.16);
            double top = f.rnd(0.12, 0.45);
            g.setColor(Rgb.awt(Rgb.scale(body, f.rnd(0.8, 1.4))));
            g.fill(new Rectangle2D.Double(f.s(x), f.s(top), f.s(w), f.horizon - f.s(top)));
            // Lit windows, warm or in the palette's accent.
            for (double wy = top + 0.02; wy < f.horizon / (double) f.size - 0.02; wy += 0.035) {
                for (double wx = x + 0.012; wx < x + w - 0.015; wx += 0.028) {
                    if (f.rnd() < 0.45 * f.detail + 0.1) {
                        g.setColor(Rgb.awt(f.rnd() < 0.6 ? 0xFFD890 : f.colors.accent1(), 0.85));
                        g.fill(new Rectangle2D.Double(f.s(wx), f.s(wy), f.s(0.012), f.s(0.016)));
                    }
                }
            }
            x += w + f.rnd(0.0, 0.02);
        }
        // Street lights as glows.
        for (int i = 0; i < 6; i++) {
            glow(f, g, f.rnd(0, 1), f.rnd(0.45, 0.6), f.rnd(0.03, 0.06), f.rnd() < 0.5 ? 0xFFB060 : f.colors.accent2(), 0.6);
        }
    }

    private static void cafe(Frame f, Graphics2D g) {
        // A shelf of cups and jars behind, and pendant lamps hanging from the top.
        int wood = Rgb.lerp(0x4A3020, f.colors.accent3(), 0.2);
        g.setColor(Rgb.awt(wood));
        g.fill(new Rectangle2D.Double(0, f.s(0.36), f.size, f.s(0.02)));
        for (double x = 0.03; x < 0.97; x += f.rnd(0.08, 0.14)) {
            double h = f.rnd(0.05, 0.1);
            g.setColor(Rgb.awt(Rgb.lerp(f.colors.accent((int) (x * 20)), 0xEDE2D0, 0.4)));
            g.fill(new RoundRectangle2D.Double(f.s(x), f.s(0.36 - h), f.s(0.05), f.s(h), f.s(0.01), f.s(0.01)));
        }
        // A chalk menu board.
        if (f.detail > 0.5) {
            g.setColor(Rgb.awt(0x2A2E2A));
            g.fill(new Rectangle2D.Double(f.s(0.08), f.s(0.42), f.s(0.26), f.s(0.16)));
            g.setColor(Rgb.awt(0xDDDDDD, 0.6));
            for (double y = 0.45; y < 0.56; y += 0.025) {
                g.fill(new Rectangle2D.Double(f.s(0.1), f.s(y), f.s(f.rnd(0.1, 0.2)), Math.max(1, f.s(0.005))));
            }
        }
        for (double x : new double[] {0.22, 0.5, 0.78}) {
            g.setColor(Rgb.awt(0x222222));
            g.fill(new Rectangle2D.Double(f.s(x) - 0.5, 0, Math.max(1, f.s(0.004)), f.s(0.12)));
            Path2D.Double shade = new Path2D.Double();
            shade.moveTo(f.s(x - 0.02), f.s(0.12));
            shade.lineTo(f.s(x + 0.02), f.s(0.12));
            shade.lineTo(f.s(x + 0.06), f.s(0.19));
            shade.lineTo(f.s(x - 0.06), f.s(0.19));
            shade.closePath();
            g.setColor(Rgb.awt(Rgb.lerp(0x303030, f.colors.accent1(), 0.3)));
            g.fill(shade);
            glow(f, g, x, 0.2, 0.07, 0xFFD08A, 0.6);
        }
    }

    private static void window(Frame f, Graphics2D g, double x, double y, double w, double h, int panes) {
        int frame = Rgb.lerp(0xFFFFFF, f.colors.wallBottom(), 0.3);
        int sky = Rgb.lerp(0xDDEFFF, f.colors.wallTop(), 0.3);
        g.setColor(Rgb.awt(frame));
        g.fill(new Rectangle2D.Double(f.s(x - 0.015), f.s(y - 0.015), f.s(w + 0.03), f.s(h + 0.03)));
        g.setColor(Rgb.awt(sky));
        g.fill(new Rectangle2D.Double(f.s(x), f.s(y), f.s(w), f.s(h)));
        g.setColor(Rgb.awt(0x88A870, 0.7));
        g.fill(new Ellipse2D.Double(f.s(x - 0.05), f.s(y + h * 0.6), f.s(w * 0.7), f.s(h * 0.6)));
        g.setColor(Rgb.awt(frame));
        for (int i = 1; i < panes; i++) {
            g.fill(new Rectangle2D.Double(f.s(x + w * i / panes - 0.006), f.s(y), f.s(0.012), f.s(h)));
        }
        g.fill(new Rectangle2D.Double(f.s(x), f.s(y + h / 2 - 0.006), f.s(w), f.s(0.012)));
    }

    private static void frameOnWall(Frame f, Graphics2D g, double x, double y, double w, double h) {
        if (f.detail < 0.5) {
            return;
        }
        g.setColor(Rgb.awt(0x3A3A3A));
        g.fill(new Rectangle2D.Double(f.s(x), f.s(y), f.s(w), f.s(h)));
        g.setColor(Rgb.awt(Rgb.lerp(f.colors.accent2(), 0xFFFFFF, 0.3)));
        g.fill(new Rectangle2D.Double(f.s(x + 0.012), f.s(y + 0.012), f.s(w - 0.024), f.s(h - 0.024)));
        g.setColor(Rgb.awt(f.colors.accent1(), 0.7));
        g.fill(new Ellipse2D.Double(f.s(x + w * 0.3), f.s(y + h * 0.3), f.s(w * 0.4), f.s(h * 0.4)));
    }

    static void glow(Frame f, Graphics2D g, double x, double y, double r, int color, double strength) {
        for (int i = 5; i >= 1; i--) {
            double rr = r * i / 3.0;
            g.setColor(Rgb.awt(color, strength * 0.22));
            g.fill(new Ellipse2D.Double(f.s(x - rr), f.s(y - rr), f.s(2 * rr), f.s(2 * rr)));
        }
    }

    private static void cloud(Frame f, Graphics2D g, double x, double y, double r) {
        g.setColor(Rgb.awt(0xFFFFFF, 0.75));
        for (int i = 0; i < 4; i++) {
            double rr = r * (0.6 + 0.4 * ((i + 1) % 3) / 2.0);
            double cx = x + (i - 1.5) * r * 0.7;
            g.fill(new Ellipse2D.Double(f.s(cx - rr), f.s(y - rr * 0.6), f.s(2 * rr), f.s(1.2 * rr)));
        }
    }
}
