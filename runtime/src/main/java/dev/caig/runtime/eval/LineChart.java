package dev.caig.runtime.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small line chart (one or more series over steps 1..n) drawn with Java2D, for the report's figures: axis labels,
 * tick values on both axes, and the legend in its own column right of the plot so it never covers data.
 */
public final class LineChart {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd)};
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    public LineChart(String title, String xLabel) {
        this(title, xLabel, "");
    }

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(String name, List<Double> values) {
        series.put(name, values);
        return this;
    }

    public BufferedImage render(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int legendWidth = 0;
        for (String name : series.keySet()) {
            legendWidth = Math.max(legendWidth, g.getFontMetrics().stringWidth(name) + 26);
        }
        int left = 72;
        int right = width - 16 - legendWidth;
        int top = 40;
        int bottom = height - 45;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 1;
        for (List<Double> values : series.values()) {
            for (Double v : values) {
                if (v != null && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            n = Math.max(n, values.size());
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = bottom - (bottom - top) * i / 4;
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.3g", min + (max - min) * i / 4), 24, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        int step = Math.max(1, (int) Math.ceil(n / 10.0));
        for (int i = 0; i < n; i += step) {
            int x = n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
            g.drawLine(x, bottom, x, bottom + 4);
            String tick = Integer.toString(i + 1);
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, bottom + 16);
        }
        g.drawString(xLabel, (left + right) / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, height - 8);
        if (!yLabel.isEmpty()) {
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(top + bottom) / 2 - rotated.getFontMetrics().stringWidth(yLabel) / 2, 14);
            rotated.dispose();
        }
        int colour = 0;
        int legendY = top + 4;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            Color c = COLORS[colour++ % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            List<Double> values = s.getValue();
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                if (v == null || !Double.isFinite(v)) {
                    continue;
                }
                int x = n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
                int y = (int) (bottom - (bottom - top) * (v - min) / (max - min));
                g.fillOval(x - 3, y - 3, 6, 6);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
            g.fillRect(right + 12, legendY, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), right + 26, legendY + 10);
            legendY += 16;
        }
        g.dispose();
        return image;
    }
}
