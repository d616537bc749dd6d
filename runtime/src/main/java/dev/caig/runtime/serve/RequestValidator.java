package dev.caig.runtime.serve;

import java.awt.image.BufferedImage;

/** Checks a generate request's fields and decodes its image: everything a client can get wrong is a 4xx here. */
public final class RequestValidator {
    /** The seed used when a request gives none, so that an unseeded request is still reproducible. */
    static final long DEFAULT_SEED = 0;
    static final int MAX_TITLE_CHARS = 1000;

    /** A request ready for generation. */
    public record Valid(BufferedImage product, String title, int candidates, long seed) {
    }

    private final ProductImageDecoder decoder;
    private final int defaultCandidates;
    private final int maxCandidates;

    public RequestValidator(ProductImageDecoder decoder, int defaultCandidates, int maxCandidates) {
        this.decoder = decoder;
        this.defaultCandidates = defaultCandidates;
        this.maxCandidates = maxCandidates;
    }

    /** Cheap field checks come first, so a bad title costs no image decoding. */
    public Valid validate(GenerateRequest request) {
        String title = request.title() == null ? null : request.title().strip();
        if (title == null) {
            throw GenerateRequestParser.field("title", "is required");
        }
        if (title.isEmpty()) {
            throw GenerateRequestParser.field("title", "must not be empty");
        }
        if (title.length() > MAX_TITLE_CHARS) {
            throw GenerateRequestParser.field("title", "is longer than " + MAX_TITLE_CHARS + " characters");
        }
        int candidates = candidates(request.candidates());
        long seed = seed(request.seed());
        if (request.image() == null) {
            throw GenerateRequestParser.field("image", "is required (a PNG or JPEG product photo)");
        }
        return new Valid(decoder.decode(request.image()), title, candidates, seed);
    }

    private int candidates(String text) {
        if (text == null || text.isBlank()) {
            return defaultCandidates;
        }
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw GenerateRequestParser.field("candidates", "must be an integer from 1 to " + maxCandidates);
        }
        if (n < 1 || n > maxCandidates) {
            throw GenerateRequestParser.field("candidates", "must be from 1 to " + maxCandidates + ", got " + n);
        }
        return (int) n;
    }

    private static long seed(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw GenerateRequestParser.field("seed", "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }
}
