package dev.caig.runtime.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A grid of images with a caption under each, for people to look at a batch of renders in one picture. */
public final class ContactSheet {

    /** One cell of the sheet. */
    public record Cell(BufferedImage image, String caption) {
    }

    /** A caption longer than this many lines ends with an ellipsis. */
    static final int MAX_CAPTION_LINES = 8;

    private final int cellSize;
    private final int columns;

    /** Cells are scaled to {@code cellSize} pixels; {@code columns} per row. */
    public ContactSheet(int cellSize, int columns) {
        if (cellSize < 16 || columns < 1) {
            throw new IllegalArgumentException("cell size >= 16 and columns >= 1 required");
        }
        this.cellSize = cellSize;
        this.columns = columns;
    }

    public BufferedImage render(List<Cell> cells) {
        int rows = Math.max(1, (cells.size() + columns - 1) / columns);
        int fontSize = Math.max(9, cellSize / 18);
        // Captions are wrapped, not cut: the caption band is as tall as the longest caption needs (up to a cap).
        int captionLines = 1;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        try {
            FontMetrics metrics = pg.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            for (Cell cell : cells) {
                captionLines = Math.max(captionLines, wrap(cell.caption(), metrics, cellSize, MAX_CAPTION_LINES).size());
            }
        } finally {
            pg.dispose();
        }
        int captionH = captionLines * (fontSize + 3) + 6;
        int pad = 6;
        int w = columns * (cellSize + pad) + pad;
        int h = rows * (cellSize + captionH + pad) + pad;
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x202020));
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < cells.size(); i++) {
                int x = pad + (i % columns) * (cellSize + pad);
                int y = pad + (i / columns) * (cellSize + captionH + pad);
                g.drawImage(cells.get(i).image(), x, y, cellSize, cellSize, null);
                g.setColor(new Color(0xE0E0E0));
                int line = 0;
                for (String text : wrap(cells.get(i).caption(), fm, cellSize, captionLines)) {
                    g.drawString(text, x, y + cellSize + 3 + fm.getAscent() + line++ * (fontSize + 3));
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : (text == null ? "" : text).split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
                if (lines.size() == maxLines) {
                    break;
                }
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (lines.size() < maxLines && line.length() > 0) {
            lines.add(line.toString());
        } else if (lines.size() == maxLines && line.length() > 0) {
            String last = lines.get(maxLines - 1);
            lines.set(maxLines - 1, last.length() > 3 ? last.substring(0, last.length() - 1) + "…" : last);
        }
        return lines;
    }
}
