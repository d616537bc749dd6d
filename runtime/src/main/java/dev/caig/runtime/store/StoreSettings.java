package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where s3:// artifacts live and how to reach them. Read once from the environment (and an optional credentials
 * file) so that no other class reads environment variables. Without an endpoint, s3:// URIs go to an embedded S3
 * server over {@code localStoreDir} (local mode). {@link #toString()} never shows the keys.
 *
 * @param endpoint       S3 endpoint URL (http or https); null for local mode
 * @param region         signing region (us-east-1 unless set)
 * @param accessKey      access key id; null for anonymous access
 * @param secretKey      secret key; null for anonymous access
 * @param localStoreDir  folder of the embedded S3 server in local mode
 * @param connectTimeout how long one connection attempt may take
 * @param maxAttempts    tries for transient faults (connection errors, 5xx, SlowDown)
 * @param initialBackoff wait before the second try; doubles for each further one
 * @param producerUid    {@code CAIG_PRODUCER_UID}: written as {@code producerUid} into every manifest this process
 *                       writes (the operator sets its resource's UID); null when unset
 */
public record StoreSettings(String endpoint, String region, String accessKey, String secretKey, Path localStoreDir,
                            Duration connectTimeout, int maxAttempts, Duration initialBackoff, String producerUid) {

    public StoreSettings(String endpoint, String region, String accessKey, String secretKey, Path localStoreDir,
                         Duration connectTimeout, int maxAttempts, Duration initialBackoff) {
        this(endpoint, region, accessKey, secretKey, localStoreDir, connectTimeout, maxAttempts, initialBackoff, null);
    }

    public static final String DEFAULT_REGION = "us-east-1";

    public StoreSettings {
        if (endpoint != null && endpoint.isBlank()) {
            endpoint = null;
        }
        if (endpoint != null) {
            URI parsed;
            try {
                parsed = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new CaigException("CAIG_S3_ENDPOINT=" + endpoint + ": not a URL (expected http://host:port or https://host)");
            }
            if (parsed.getScheme() == null || !List.of("http", "https").contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    || parsed.getHost() == null) {
                throw new CaigException("CAIG_S3_ENDPOINT=" + endpoint + ": not a URL (expected http://host:port or https://host)");
            }
            endpoint = endpoint.trim();
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
        accessKey = accessKey == null || accessKey.isBlank() ? null : accessKey.trim();
        secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey.trim();
        if ((accessKey == null) != (secretKey == null)) {
            throw new CaigException("S3 credentials are incomplete: set both CAIG_S3_ACCESS_KEY and CAIG_S3_SECRET_KEY (or neither)");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        producerUid = producerUid == null || producerUid.isBlank() ? null : producerUid.trim();
    }

    /** Settings from this process's environment. */
    public static StoreSettings fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Settings from environment-like variables: {@code CAIG_S3_ENDPOINT}, {@code CAIG_S3_REGION},
     * {@code CAIG_S3_ACCESS_KEY}/{@code CAIG_S3_SECRET_KEY} (else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}),
     * {@code CAIG_S3_CREDENTIALS_FILE}, {@code CAIG_LOCAL_STORE}, {@code CAIG_WORK_DIR}. The variables win over the
     * file; the file wins over the AWS_* variables.
     */
    public static StoreSettings from(Map<String, String> env) {
        Map<String, String> file = Optional.ofNullable(blankToNull(env.get("CAIG_S3_CREDENTIALS_FILE")))
                .map(p -> readCredentialsFile(Path.of(p))).orElse(Map.of());
        String endpoint = first(env.get("CAIG_S3_ENDPOINT"), file.get("endpoint"));
        String region = first(env.get("CAIG_S3_REGION"), file.get("region"), env.get("AWS_REGION"));
        String accessKey = first(env.get("CAIG_S3_ACCESS_KEY"), file.get("access_key"), env.get("AWS_ACCESS_KEY_ID"));
        String secretKey = first(env.get("CAIG_S3_SECRET_KEY"), file.get("secret_key"), env.get("AWS_SECRET_ACCESS_KEY"));
        return new StoreSettings(endpoint, region, accessKey, secretKey, localStoreDir(env), null, 0, null,
                env.get("CAIG_PRODUCER_UID"));
    }

    /** Local mode: no endpoint is configured, so s3:// URIs go to the embedded server. */
    public boolean localMode() {
        return endpoint == null;
    }

    public StoreSettings withEndpoint(String newEndpoint, String newAccessKey, String newSecretKey) {
        return new StoreSettings(newEndpoint, region, newAccessKey, newSecretKey, localStoreDir, connectTimeout,
                maxAttempts, initialBackoff, producerUid);
    }

    public StoreSettings withLocalStoreDir(Path dir) {
        return new StoreSettings(endpoint, region, accessKey, secretKey, dir, connectTimeout, maxAttempts, initialBackoff,
                producerUid);
    }

    public StoreSettings withRetries(int attempts, Duration backoff, Duration timeout) {
        return new StoreSettings(endpoint, region, accessKey, secretKey, localStoreDir, timeout, attempts, backoff,
                producerUid);
    }

    static Path localStoreDir(Map<String, String> env) {
        String explicit = blankToNull(env.get("CAIG_LOCAL_STORE"));
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String work = blankToNull(env.get("CAIG_WORK_DIR"));
        Path base = work != null ? Path.of(work) : Path.of(System.getProperty("user.home"), ".caig");
        return base.resolve("store").toAbsolutePath().normalize();
    }

    /**
     * Reads {@code key = value} lines; {@code [profile]} headers and {@code #} comments are skipped, so an AWS
     * credentials file works as well as a properties file. Keys are matched case-insensitively.
     */
    static Map<String, String> readCredentialsFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CaigException("CAIG_S3_CREDENTIALS_FILE=" + file + ": cannot read the credentials file ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> raw = new HashMap<>();
        for (String line : lines) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.startsWith("[") || eq < 0) {
                continue;
            }
            raw.put(t.substring(0, eq).strip().toLowerCase(Locale.ROOT), t.substring(eq + 1).strip());
        }
        Map<String, String> out = new HashMap<>();
        putFirst(out, "access_key", raw, "caig_s3_access_key", "access_key", "accesskey", "aws_access_key_id");
        putFirst(out, "secret_key", raw, "caig_s3_secret_key", "secret_key", "secretkey", "aws_secret_access_key");
        putFirst(out, "endpoint", raw, "caig_s3_endpoint", "endpoint", "endpoint_url");
        putFirst(out, "region", raw, "caig_s3_region", "region");
        return out;
    }

    private static void putFirst(Map<String, String> out, String name, Map<String, String> raw, String... keys) {
        for (String key : keys) {
            String value = blankToNull(raw.get(key));
            if (value != null) {
                out.put(name, value);
                return;
            }
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Keys are masked: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "StoreSettings[endpoint=" + (endpoint == null ? "(local mode)" : endpoint) + ", region=" + region
                + ", credentials=" + (accessKey == null ? "none" : "****") + ", localStoreDir=" + localStoreDir
                + ", connectTimeout=" + connectTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + "]";
    }
}
