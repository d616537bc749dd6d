package dev.caig.serve;

import dev.caig.runtime.serve.GenerateRequest;
import dev.caig.runtime.serve.GenerateRequestParser;
import dev.caig.runtime.serve.GenerateResponse;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.ProblemException;
import dev.caig.runtime.serve.ProductImageDecoder;
import dev.caig.runtime.serve.RankedAd;
import dev.caig.runtime.serve.RequestValidator;
import dev.caig.runtime.serve.ServeOptions;
import dev.caig.runtime.serve.ModelStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code /v1}: generation and what answers. Quarkus has read the whole body (within the body-size limit and the
 * body-read timeout, {@link SlowClientGuard}) before a method here runs; decoding and generating then run on a
 * generation thread, so at most --threads requests hold a decoded image at a time and no event-loop thread waits.
 */
@Path("/v1")
@SecurityRequirement(name = "apiKey")
public class GenerateResource {
    private final GeneratorService service;
    private final RequestValidator validator;
    private final long maxBodyBytes;

    GenerateResource(GeneratorService service, ServeOptions options) {
        this.service = service;
        this.maxBodyBytes = ServeSettings.maxBodyBytes(options);
        this.validator = new RequestValidator(new ProductImageDecoder(options.maxImageBytes(), options.maxImagePixels()),
                options.defaultCandidates(), options.maxCandidates());
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ranked ad images for one product photo and title (JSON body)",
            description = "Samples N background descriptions, renders each ad (renderer seed 42) and ranks them by the "
                    + "reward model's score, best first. The same seed, models and input give the same answer byte for byte.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.GenerateJson.class)))
    @APIResponse(responseCode = "200", description = "Candidates, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GenerateResponse.class)))
    @APIResponse(responseCode = "400", description = "A bad field, a malformed body or a request target that is not a valid URI", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "401", description = "No or an unknown API key (when keys are configured)", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "413", description = "Image bytes or pixels over the limits", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither application/json nor multipart/form-data", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "408", description = "The request body did not arrive within the request timeout", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "414", description = "A request target over 4096 characters", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "431", description = "More than 100 header fields or 8 KiB of them", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "422", description = "An image without product pixels", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "503", description = "Busy (queue full), still loading, or shutting down; see Retry-After", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    @APIResponse(responseCode = "504", description = "The generation did not finish within the request timeout", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    public CompletionStage<GenerateResponse> generateJson(byte[] body) {
        LoadedModels loaded = service.requireModels();
        checkSize(body.length);
        return generate(loaded, () -> GenerateRequestParser.parseJson(body));
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ranked ad images for one product photo and title (multipart form)",
            description = "The same as the JSON form; the image is a file part.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = OpenApiSchemas.GenerateForm.class)))
    @APIResponse(responseCode = "200", description = "Candidates, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GenerateResponse.class)))
    public CompletionStage<GenerateResponse> generateMultipart(MultipartFormDataInput form) {
        LoadedModels loaded = service.requireModels();
        List<GenerateRequestParser.FormPart> parts = new ArrayList<>();
        for (Map.Entry<String, java.util.Collection<FormValue>> field : form.getValues().entrySet()) {
            for (FormValue value : field.getValue()) {
                parts.add(new GenerateRequestParser.FormPart(field.getKey(), bytes(value)));
            }
        }
        checkSize(parts.stream().mapToLong(p -> p.content().length).sum());
        return generate(loaded, () -> GenerateRequestParser.fromFormParts(parts));
    }

    private CompletionStage<GenerateResponse> generate(LoadedModels loaded, java.util.function.Supplier<GenerateRequest> request) {
        return service.pool().submit(() -> {
            RequestValidator.Valid valid = validator.validate(request.get());
            List<RankedAd> ads = service.generator(loaded)
                    .generate(valid.product(), valid.title(), valid.candidates(), valid.seed());
            GenerateResponse response = GenerateResponse.of(loaded.info(), valid.seed(), ads);
            service.metrics().imagesGenerated(ads.size());
            return response;
        });
    }

    /**
     * A body without a declared length (chunked) is only bounded by Quarkus' fixed limit while it is read
     * (quarkus.http.limits.max-body-size); the limit of this server's flags applies here, before any decoding.
     */
    private void checkSize(long bytes) {
        if (bytes > maxBodyBytes) {
            throw ProblemException.invalid(413, "body-too-large", "Request body too large", "the request body is over "
                    + "the limit of " + maxBodyBytes + " bytes (--max-image-bytes plus base64 and form overhead)");
        }
    }

    private static byte[] bytes(FormValue value) {
        try {
            return value.isFileItem() ? Files.readAllBytes(value.getFileItem().getFile())
                    : value.getValue().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/model")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What answers: the loaded artifacts (URIs, manifest digests), renderer, sampling, limits")
    @APIResponse(responseCode = "200", description = "The loaded models")
    @APIResponse(responseCode = "503", description = "The models are still loading", content = @Content(mediaType = OpenApiSchemas.PROBLEM, schema = @Schema(implementation = dev.caig.runtime.serve.Problem.class)))
    public Map<String, Object> model() {
        return ModelStatus.modelBody(service.requireModels(), service.options());
    }
}
