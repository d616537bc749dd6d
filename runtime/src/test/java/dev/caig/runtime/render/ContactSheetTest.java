package dev.caig.runtime.render;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactSheetTest {

    @Test
    void longCaptionsAreWrappedWholeAndTheBandGrowsToFitThem() {
        BufferedImage cell = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        String shortCaption = "pcpo: marble surface";
        String longCaption = "pcpo: marble surface, bathroom shelf, soft daylight, pastel pink tones, water drops,"
                + " minimalist, flowers, dreamy";
        BufferedImage small = new ContactSheet(96, 1).render(List.of(new ContactSheet.Cell(cell, shortCaption)));
        BufferedImage tall = new ContactSheet(96, 1).render(List.of(new ContactSheet.Cell(cell, longCaption)));
        assertTrue(tall.getHeight() > small.getHeight(), "the caption band grows with the caption");

        var metrics = small.createGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.PLAIN, 9));
        List<String> lines = ContactSheet.wrap(longCaption, metrics, 96, ContactSheet.MAX_CAPTION_LINES);
        assertTrue(lines.size() > 2, lines.toString());
        assertEquals(longCaption, String.join(" ", lines), "every word is kept, none cut");
    }
}
