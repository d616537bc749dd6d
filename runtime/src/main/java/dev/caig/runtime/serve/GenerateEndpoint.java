package dev.caig.runtime.serve;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/generate}. Cheap checks (ready, media type, declared length) run on the HTTP thread; reading
 * the body, decoding the image and generating run on a generation thread, so at most --threads requests hold a
 * decoded image at a time.
 */
final class GenerateEndpoint implements Endpoint {
    /** Room for the other fields and multipart headers next to the image. */
    private static final int FIELDS_ALLOWANCE = 64 * 1024;
    /** Bodies up to this many times the limit are read and dropped before the 413; bigger ones are cut off. */
    private static final int DRAIN_FACTOR = 4;

    private final ModelHolder models;
    private final GenerationPool pool;
    private final RequestValidator validator;
    private final ServeMetrics metrics;
    private final int renderSize;
    private final long maxBodyBytes;
    private final java.util.concurrent.Executor helpers;

    GenerateEndpoint(ModelHolder models, GenerationPool pool, ServeOptions options, ServeMetrics metrics,
                     java.util.concurrent.Executor helpers) {
        this.models = models;
        this.helpers = helpers;
        this.pool = pool;
        this.metrics = metrics;
        this.renderSize = options.renderSize();
        this.validator = new RequestValidator(new ProductImageDecoder(options.maxImageBytes(), options.maxImagePixels()),
                options.defaultCandidates(), options.maxCandidates());
        // Base64 in JSON is 4/3 of the file.
        this.maxBodyBytes = options.maxImageBytes() * 4 / 3 + 4 + FIELDS_ALLOWANCE;
    }

    @Override
    public CompletableFuture<Reply> handle(HttpExchange exchange) {
        LoadedModels loaded = models.current().orElseThrow(() -> StatusEndpoints.notReady(models));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        GenerateRequestParser.Format format = GenerateRequestParser.format(contentType);
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declaredLength(declared) > maxBodyBytes * DRAIN_FACTOR) {
            throw tooLarge(); // not worth reading: answer now, the connection closes
        }
        return pool.submit(() -> {
            byte[] body = readBody(exchange);
            RequestValidator.Valid request = validator.validate(GenerateRequestParser.parse(format, contentType, body));
            List<RankedAd> ads = new AdGenerator(loaded, loaded.renderer(), renderSize, helpers)
                    .generate(request.product(), request.title(), request.candidates(), request.seed());
            Reply reply = Reply.json(200, GenerateResponse.of(loaded.info(), request.seed(), ads));
            metrics.imagesGenerated(ads.size());
            return reply;
        });
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("malformed-body", "Malformed request", "Content-Length is not a number");
        }
    }

    /**
     * Reads at most the limit, so a body without a declared length cannot grow without bound. A body somewhat over
     * the limit is read to its end and dropped, so that the client, still sending, gets to read the 413.
     */
    private byte[] readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                byte[] sink = new byte[64 * 1024];
                long dropped = 0;
                int n;
                while (dropped < maxBodyBytes * DRAIN_FACTOR && (n = in.read(sink)) >= 0) {
                    dropped += n;
                }
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ProblemException.badRequest("malformed-body", "Malformed request",
                    "the request body could not be read (" + e.getMessage() + ")");
        }
    }

    private ProblemException tooLarge() {
        return ProblemException.invalid(413, "body-too-large", "Request body too large",
                "the request body is over the limit of " + maxBodyBytes + " bytes (--max-image-bytes plus base64 and form overhead)");
    }
}
