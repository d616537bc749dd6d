package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an artifact or one of its files lives: {@code s3://bucket/prefix/...}, {@code file:/abs/path} or a plain
 * local path (relative paths are made absolute against the working directory). A local folder works wherever a
 * URI is accepted. {@link #toString()} gives text that {@link #parse(String)} turns back into an equal URI.
 */
public final class ArtifactUri {

    /** Where the bytes are: an S3 bucket or the local file system. */
    public enum Scheme { S3, LOCAL }

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://.*");
    // S3's bucket naming rules (lower case, 3-63 characters), so a typo fails here and not at the server.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Scheme scheme;
    private final String bucket;
    private final String key;
    private final Path path;
    private final boolean fileForm;

    private ArtifactUri(Scheme scheme, String bucket, String key, Path path, boolean fileForm) {
        this.scheme = scheme;
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.fileForm = fileForm;
    }

    public static ArtifactUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CaigException("empty artifact URI: give s3://bucket/prefix or a local path");
        }
        String trimmed = text.trim();
        var schemeMatch = SCHEME.matcher(trimmed);
        if (schemeMatch.matches()) {
            String scheme = schemeMatch.group(1).toLowerCase();
            if (scheme.equals("s3")) {
                return parseS3(trimmed);
            }
            if (scheme.equals("file")) {
                return parseFile(trimmed);
            }
            throw new CaigException(trimmed + ": unsupported URI scheme '" + scheme
                    + "' (use s3://bucket/prefix, file:/path or a local path)");
        }
        if (trimmed.regionMatches(true, 0, "file:", 0, 5)) {
            return parseFile(trimmed);
        }
        try {
            return local(Path.of(trimmed));
        } catch (InvalidPathException e) {
            throw new CaigException(trimmed + ": not a valid local path (" + e.getReason() + ")");
        }
    }

    public static ArtifactUri s3(String bucket, String key) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new CaigException("s3://" + bucket + ": invalid bucket name (3-63 lower-case letters, digits, '.' or '-')");
        }
        return new ArtifactUri(Scheme.S3, bucket, normalizeKey(key == null ? "" : key, "s3://" + bucket + "/" + key), null, false);
    }

    public static ArtifactUri local(Path path) {
        return new ArtifactUri(Scheme.LOCAL, null, null, path.toAbsolutePath().normalize(), false);
    }

    private static ArtifactUri parseS3(String text) {
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new CaigException(text + ": missing bucket (expected s3://bucket/prefix)");
        }
        return s3(bucket, key);
    }

    private static ArtifactUri parseFile(String text) {
        try {
            Path p = Path.of(URI.create(text.replace(" ", "%20")));
            return new ArtifactUri(Scheme.LOCAL, null, null, p.toAbsolutePath().normalize(), true);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new CaigException(text + ": not a valid file URI (expected file:/absolute/path)");
        }
    }

    /** Drops empty segments and trailing slashes; refuses "." and ".." so a key never escapes its prefix. */
    private static String normalizeKey(String key, String source) {
        List<String> parts = new ArrayList<>();
        for (String part : key.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals(".") || part.equals("..")) {
                throw new CaigException(source + ": '" + part + "' is not allowed in an S3 key");
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    public Scheme scheme() {
        return scheme;
    }

    public boolean isS3() {
        return scheme == Scheme.S3;
    }

    public boolean isLocal() {
        return scheme == Scheme.LOCAL;
    }

    /** The bucket of an S3 URI. */
    public String bucket() {
        requireS3();
        return bucket;
    }

    /** The object key (or key prefix) of an S3 URI, without leading or trailing slash; empty for a bucket. */
    public String key() {
        requireS3();
        return key;
    }

    /** The absolute, normalised path of a local URI. */
    public Path path() {
        if (scheme != Scheme.LOCAL) {
            throw new IllegalStateException(this + " is not a local path");
        }
        return path;
    }

    /** A file or sub-prefix below this one; {@code child} is a relative path with '/' separators. */
    public ArtifactUri resolve(String child) {
        String rel = relativePath(child, this + " + " + child);
        if (rel.isEmpty()) {
            return this;
        }
        if (scheme == Scheme.S3) {
            return new ArtifactUri(scheme, bucket, key.isEmpty() ? rel : key + "/" + rel, null, false);
        }
        return new ArtifactUri(scheme, null, null, path.resolve(rel).normalize(), fileForm);
    }

    /** The last segment: the file name of a file URI, the folder name of a prefix; empty for a bare bucket. */
    public String fileName() {
        if (scheme == Scheme.S3) {
            return key.substring(key.lastIndexOf('/') + 1);
        }
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    /**
     * Checks that {@code relative} is a safe relative path ('/' separators, no "..", not absolute) and returns it
     * without empty segments. Used for manifest entries, which become local file paths on fetch.
     */
    public static String relativePath(String relative, String source) {
        if (relative == null) {
            throw new CaigException(source + ": missing relative path");
        }
        if (relative.startsWith("/") || relative.contains("\\") || relative.matches("^[a-zA-Z]:.*")) {
            throw new CaigException(source + ": '" + relative + "' must be a relative path with '/' separators");
        }
        return normalizeKey(relative, source);
    }

    private void requireS3() {
        if (scheme != Scheme.S3) {
            throw new IllegalStateException(this + " is not an s3:// URI");
        }
    }

    @Override
    public String toString() {
        if (scheme == Scheme.S3) {
            return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
        }
        return fileForm ? "file:" + path : path.toString();
    }

    /** Equal when they name the same place: {@code file:/a} equals {@code /a}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactUri other && scheme == other.scheme && Objects.equals(bucket, other.bucket)
                && Objects.equals(key, other.key) && Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, bucket, key, path);
    }
}
