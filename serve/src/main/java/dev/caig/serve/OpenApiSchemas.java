package dev.caig.serve;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies as the OpenAPI document shows them; the runtime's GenerateRequestParser reads the real ones. */
final class OpenApiSchemas {
    static final String PROBLEM = "application/problem+json";

    private OpenApiSchemas() {
    }

    @Schema(name = "GenerateJson", description = "POST /v1/generate as JSON. Unknown or repeated fields are a 400.")
    record GenerateJson(
            @Schema(required = true, description = "Product photo: PNG with transparency, or JPEG/PNG on white, base64 "
                    + "(a data: URL also works); at most --max-image-bytes (10 MiB) and --max-image-pixels (4096x4096)")
            String image,
            @Schema(required = true, maxLength = 1000, description = "Product title") String title,
            @Schema(minimum = "1", description = "Candidates to return (default --default-candidates, 4; at most "
                    + "--max-candidates, 8)") Integer candidates,
            @Schema(description = "Seed; the same seed, models and input give the same answer (default 0)") Long seed) {
    }

    @Schema(name = "GenerateForm", description = "POST /v1/generate as multipart/form-data: the same fields, the image as a file part")
    record GenerateForm(
            @Schema(required = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary", description = "Product photo (PNG or JPEG)") String image,
            @Schema(required = true, description = "Product title") String title,
            @Schema(description = "Candidates to return") Integer candidates,
            @Schema(description = "Seed") Long seed) {
    }
}
