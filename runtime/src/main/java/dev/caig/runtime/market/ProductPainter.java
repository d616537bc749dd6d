package dev.caig.runtime.market;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a simulated product as an RGBA picture on a transparent background: a shaded silhouette per shape with a
 * cap or lid in the accent colour and a label with the brand (and stripes). Deterministic for a look.
 */
public final class ProductPainter {

    private final int size;

    public ProductPainter(int size) {
        this.size = size;
    }

    public BufferedImage paint(ProductLook look) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / 100.0, size / 100.0);
            switch (look.shape()) {
                case BOTTLE -> bottle(g, look);
                case JAR -> jar(g, look);
                case TUBE -> tube(g, look);
                case BOX -> box(g, look);
                case DEVICE -> device(g, look);
                case BAG -> bag(g, look);
                case CAN -> can(g, look);
                case BALL -> ball(g, look);
                case HANDBAG -> handbag(g, look);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A left-to-right shade across a round body: light from the upper left. */
    private static LinearGradientPaint cylinder(double x, double w, int color) {
        return new LinearGradientPaint((float) x, 0f, (float) (x + w), 0f, new float[] {0f, 0.3f, 0.75f, 1f},
                new Color[] {shade(color, 0.75), shade(color, 1.12), shade(color, 0.92), shade(color, 0.62)});
    }

    private static Color shade(int c, double f) {
        return new Color(clamp(((c >> 16) & 255) * f), clamp(((c >> 8) & 255) * f), clamp((c & 255) * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void fill(Graphics2D g, Shape s, java.awt.Paint p) {
        g.setPaint(p);
        g.fill(s);
    }

    private static void bottle(Graphics2D g, ProductLook l) {
        double w = 30 * l.aspect(), x = 50 - w / 2, top = 36, bottom = 92;
        Path2D.Double body = new Path2D.Double();
        body.moveTo(44, 18);
        body.lineTo(56, 18);
        body.lineTo(56, 24);
        body.curveTo(56, 30, x + w, 30, x + w, top);
        body.lineTo(x + w, bottom - 4);
        body.quadTo(x + w, bottom, x + w - 4, bottom);
        body.lineTo(x + 4, bottom);
        body.quadTo(x, bottom, x, bottom - 4);
        body.lineTo(x, top);
        body.curveTo(x, 30, 44, 30, 44, 24);
        body.closePath();
        fill(g, body, cylinder(x, w, l.body()));
        fill(g, new RoundRectangle2D.Double(43, 8, 14, 12, 3, 3), cylinder(43, 14, l.accent()));
        label(g, l, x + 2, 48, w - 4, 30);
        highlight(g, x + w * 0.2, top + 2, w * 0.08, bottom - top - 8);
    }

    private static void jar(Graphics2D g, ProductLook l) {
        double w = 56 * l.aspect(), x = 50 - w / 2;
        fill(g, new RoundRectangle2D.Double(x, 36, w, 54, 10, 10), cylinder(x, w, l.body()));
        fill(g, new RoundRectangle2D.Double(x - 2, 24, w + 4, 15, 5, 5), cylinder(x - 2, w + 4, l.accent()));
        g.setColor(shade(l.accent(), 0.7));
        for (double lx = x + 3; lx < x + w; lx += 3) {
            g.fill(new Rectangle2D.Double(lx, 26, 0.8, 11));
        }
        label(g, l, x + 3, 46, w - 6, 32);
    }

    private static void tube(Graphics2D g, ProductLook l) {
        // A cosmetics tube standing on its cap: crimped wide end up.
        double top = 10, capTop = 80, wTop = 34 * l.aspect(), wBottom = 22 * l.aspect();
        Path2D.Double body = new Path2D.Double();
        body.moveTo(50 - wTop / 2, top);
        body.lineTo(50 + wTop / 2, top);
        body.lineTo(50 + wBottom / 2, capTop);
        body.lineTo(50 - wBottom / 2, capTop);
        body.closePath();
        fill(g, body, cylinder(50 - wTop / 2, wTop, l.body()));
        fill(g, new Rectangle2D.Double(50 - wTop / 2 - 1, top, wTop + 2, 5), shade(l.body(), 0.8));
        fill(g, new RoundRectangle2D.Double(50 - wBottom / 2, capTop, wBottom, 12, 3, 3),
                cylinder(50 - wBottom / 2, wBottom, l.accent()));
        label(g, l, 50 - wBottom / 2 - 2, 30, wBottom + 4, 30);
    }

    private static void box(Graphics2D g, ProductLook l) {
        double w = 52 * l.aspect(), h = 58, x = 46 - w / 2, y = 30, d = 12;
        Path2D.Double side = new Path2D.Double();
        side.moveTo(x + w, y);
        side.lineTo(x + w + d, y - d * 0.7);
        side.lineTo(x + w + d, y + h - d * 0.7);
        side.lineTo(x + w, y + h);
        side.closePath();
        fill(g, side, shade(l.body(), 0.7));
        Path2D.Double top = new Path2D.Double();
        top.moveTo(x, y);
        top.lineTo(x + d, y - d * 0.7);
        top.lineTo(x + w + d, y - d * 0.7);
        top.lineTo(x + w, y);
        top.closePath();
        fill(g, top, shade(l.body(), 1.15));
        fill(g, new Rectangle2D.Double(x, y, w, h), new GradientPaint((float) x, (float) y, shade(l.body(), 1.05),
                (float) x, (float) (y + h), shade(l.body(), 0.88)));
        fill(g, new Rectangle2D.Double(x, y + h - 8, w, 8), shade(l.accent(), 1.0));
        label(g, l, x + 4, y + 10, w - 8, 30);
    }

    private static void device(Graphics2D g, ProductLook l) {
        double w = 44 * l.aspect(), x = 50 - w / 2;
        fill(g, new RoundRectangle2D.Double(x, 8, w, 86, 12, 12), shade(l.body(), 1.0));
        fill(g, new RoundRectangle2D.Double(x + 3, 14, w - 6, 72, 6, 6),
                new GradientPaint((float) x, 14f, shade(l.accent(), 1.1), (float) (x + w), 86f, shade(l.accent(), 0.45)));
        // App tiles on the screen.
        g.setColor(new Color(255, 255, 255, 150));
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                g.fill(new RoundRectangle2D.Double(x + 7 + c * (w - 12) / 3, 24 + r * 12, (w - 12) / 3 - 4, 8, 2, 2));
            }
        }
        fill(g, new RoundRectangle2D.Double(46, 10, 8, 2, 1, 1), new Color(20, 20, 20));
        brand(g, l.brand(), x + 4, 76, w - 8, 8, new Color(255, 255, 255, 220));
    }

    private static void bag(Graphics2D g, ProductLook l) {
        double w = 60 * l.aspect(), x = 50 - w / 2, top = 14, bottom = 92;
        Path2D.Double body = new Path2D.Double();
        body.moveTo(x + 2, top + 4);
        for (double zx = x + 2; zx < x + w - 2; zx += 4) {
            body.lineTo(zx + 2, top);
            body.lineTo(zx + 4, top + 4);
        }
        body.curveTo(x + w + 2, 50, x + w + 1, 80, x + w - 4, bottom);
        body.lineTo(x + 4, bottom);
        body.curveTo(x - 1, 80, x - 2, 50, x + 2, top + 4);
        body.closePath();
        fill(g, body, cylinder(x, w, l.body()));
        fill(g, new Rectangle2D.Double(x + 2, top + 6, w - 4, 3), shade(l.accent(), 1.0));
        label(g, l, x + 8, 40, w - 16, 34);
    }

    private static void can(Graphics2D g, ProductLook l) {
        double w = 40 * l.aspect(), x = 50 - w / 2, top = 16, bottom = 90;
        fill(g, new Rectangle2D.Double(x, top, w, bottom - top), cylinder(x, w, l.body()));
        fill(g, new Ellipse2D.Double(x, bottom - 4, w, 8), cylinder(x, w, l.body()));
        fill(g, new Ellipse2D.Double(x, top - 4, w, 8), cylinder(x, w, 0xC8CCD0));
        fill(g, new Rectangle2D.Double(x, top, w, 4), cylinder(x, w, 0xB0B4B8));
        fill(g, new Rectangle2D.Double(x, 38, w, 30), cylinder(x, w, l.label()));
        brand(g, l.brand(), x + 3, 44, w - 6, 12, shade(l.accent(), 1.0));
        if (l.striped()) {
            fill(g, new Rectangle2D.Double(x, 62, w, 2.5), cylinder(x, w, l.accent()));
        }
        highlight(g, x + w * 0.22, top + 4, w * 0.08, bottom - top - 8);
    }

    private static void ball(Graphics2D g, ProductLook l) {
        double r = 40, cx = 50, cy = 54;
        fill(g, new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), new java.awt.RadialGradientPaint(
                (float) (cx - r * 0.35), (float) (cy - r * 0.4), (float) (r * 1.6), new float[] {0f, 0.6f, 1f},
                new Color[] {shade(l.body(), 1.2), shade(l.body(), 0.95), shade(l.body(), 0.55)}));
        g.setColor(shade(l.accent(), 0.9));
        g.setStroke(new BasicStroke(1.8f));
        g.draw(new Arc2D.Double(cx - r * 1.6, cy - r, r * 2, r * 2, -60, 120, Arc2D.OPEN));
        g.draw(new Arc2D.Double(cx - r * 0.4, cy - r, r * 2, r * 2, 120, 120, Arc2D.OPEN));
        g.draw(new Rectangle2D.Double(cx - r, cy, 2 * r, 0.01));
        g.draw(new Rectangle2D.Double(cx, cy - r, 0.01, 2 * r));
        brand(g, l.brand(), cx - 20, cy + 8, 40, 9, shade(l.label(), 1.0));
    }

    private static void handbag(Graphics2D g, ProductLook l) {
        double w = 70 * l.aspect(), x = 50 - w / 2, top = 38, bottom = 90;
        g.setColor(shade(l.accent(), 0.8));
        g.setStroke(new BasicStroke(4f));
        g.draw(new Arc2D.Double(50 - w * 0.3, 12, w * 0.6, 54, 0, 180, Arc2D.OPEN));
        Path2D.Double body = new Path2D.Double();
        body.moveTo(x + 6, top);
        body.lineTo(x + w - 6, top);
        body.lineTo(x + w, bottom - 4);
        body.quadTo(x + w, bottom, x + w - 4, bottom);
        body.lineTo(x + 4, bottom);
        body.quadTo(x, bottom, x, bottom - 4);
        body.closePath();
        fill(g, body, new GradientPaint((float) x, (float) top, shade(l.body(), 1.1), (float) x, (float) bottom,
                shade(l.body(), 0.75)));
        fill(g, new Rectangle2D.Double(x + 4, top + 10, w - 8, 3), shade(l.body(), 0.7));
        fill(g, new RoundRectangle2D.Double(46, top + 8, 8, 7, 2, 2), shade(l.accent(), 1.2));
        if (l.striped()) {
            fill(g, new Rectangle2D.Double(x + 10, top + 26, w - 20, 3), shade(l.label(), 1.0));
        }
    }

    /** The label: a panel in the label colour with the brand and, for striped looks, two bands. */
    private static void label(Graphics2D g, ProductLook l, double x, double y, double w, double h) {
        fill(g, new Rectangle2D.Double(x, y, w, h), shade(l.label(), 1.0));
        Color ink = luma(l.label()) > 0.55 ? shade(l.accent(), 0.6) : new Color(250, 250, 245);
        if (luma(l.label()) > 0.55 && luma(l.accent()) > 0.55) {
            ink = new Color(40, 40, 40);
        }
        brand(g, l.brand(), x + 2, y + 3, w - 4, h * 0.32, ink);
        if (l.striped()) {
            fill(g, new Rectangle2D.Double(x, y + h * 0.55, w, h * 0.1), shade(l.body(), 0.9));
            fill(g, new Rectangle2D.Double(x, y + h * 0.72, w, h * 0.06), shade(l.accent(), 1.0));
        } else {
            g.setColor(new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), 140));
            for (int i = 0; i < 3; i++) {
                g.fill(new Rectangle2D.Double(x + w * 0.15, y + h * (0.55 + i * 0.13), w * 0.7, h * 0.05));
            }
        }
    }

    private static void brand(Graphics2D g, String text, double x, double y, double w, double h, Color color) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 10);
        FontMetrics fm = g.getFontMetrics(font);
        double scale = Math.min(h / fm.getAscent(), w / Math.max(1, fm.stringWidth(text)));
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.translate(x + (w - fm.stringWidth(text) * scale) / 2, y + fm.getAscent() * scale);
        g.scale(scale, scale);
        g.setFont(font);
        g.setColor(color);
        g.drawString(text, 0, 0);
        g.setTransform(saved);
    }

    private static void highlight(Graphics2D g, double x, double y, double w, double h) {
        g.setColor(new Color(255, 255, 255, 70));
        g.fill(new RoundRectangle2D.Double(x, y, w, h, w, w));
    }

    private static double luma(int c) {
        return (0.299 * ((c >> 16) & 255) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255)) / 255.0;
    }
}
