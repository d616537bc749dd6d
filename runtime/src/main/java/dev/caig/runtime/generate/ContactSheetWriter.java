package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.render.ContactSheet;
import dev.caig.runtime.serve.AdImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The contact sheet of a batch: the first products' ranked ads, read back from the written PNGs. */
final class ContactSheetWriter {

    private static final int CELL = 128;

    private final int products;
    private final int columns;

    ContactSheetWriter(int products, int columns) {
        this.products = products;
        this.columns = columns;
    }

    /** @param imagesOf where a row's images are (the shard that wrote it) */
    void write(GenerationManifest.RowSource rows, Function<BatchRow, BatchOutput> imagesOf, BatchOutput out) {
        List<ContactSheet.Cell> cells = new ArrayList<>();
        int[] shown = {0};
        rows.forEach(row -> {
            if (row.product() == null || shown[0] >= products) {
                return;
            }
            shown[0]++;
            for (GenerationManifest.Candidate c : row.product().candidates()) {
                cells.add(new ContactSheet.Cell(decode(c.image(), imagesOf.apply(row)), String.format(Locale.ROOT, "%s #%d %.3f %s",
                        row.product().id(), c.rank(), c.score(), c.description())));
            }
        });
        if (!cells.isEmpty()) {
            out.write(BatchGenerator.CONTACT_SHEET, AdImages.png(new ContactSheet(CELL, columns).render(cells)));
        }
    }

    private static BufferedImage decode(String image, BatchOutput images) {
        byte[] bytes = images.read(image).orElseThrow(() -> new CaigException(images.resolve(image) + ": ad image missing"));
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            if (decoded == null) {
                throw new CaigException(image + ": not a PNG");
            }
            return decoded;
        } catch (IOException e) {
            throw new CaigException(image + ": cannot read: " + e.getMessage(), e);
        }
    }
}
