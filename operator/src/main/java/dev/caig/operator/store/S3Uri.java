package dev.caig.operator.store;

import java.util.Objects;

/** s3://bucket/key, with helpers for the artifact layout (<artifact>/manifest.json, <artifact>/progress.json). */
public record S3Uri(String bucket, String key) {

    public S3Uri {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("empty bucket");
        }
    }

    public static S3Uri parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key as a folder prefix: "" or ending in "/". */
    public String folderKey() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    public S3Uri child(String name) {
        return new S3Uri(bucket, folderKey() + name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
