package dev.caig.runtime.serve;

/**
 * A generate request's fields as sent, before validation: either body format (JSON or multipart) becomes this.
 * Null means absent.
 */
public record GenerateRequest(byte[] image, String title, String candidates, String seed) {
}
