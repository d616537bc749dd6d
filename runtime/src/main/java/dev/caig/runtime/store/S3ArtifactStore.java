package dev.caig.runtime.store;

import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Artifacts in any S3 endpoint (MinIO, AWS, the embedded server) through the MinIO SDK. */
public final class S3ArtifactStore extends BlobArtifactStore {

    private static OkHttpClient sharedHttp;

    private final AutoCloseable onClose;

    /** A store on the endpoint of {@code settings}; buckets must exist. */
    public S3ArtifactStore(StoreSettings settings) {
        this(settings, false, null);
    }

    /**
     * @param createBuckets create missing buckets (local mode only)
     * @param onClose       closed with the store (the lease of an embedded server); may be null
     */
    S3ArtifactStore(StoreSettings settings, boolean createBuckets, AutoCloseable onClose) {
        this(settings, createBuckets, onClose, null);
    }

    /** @param embeddedFolder the folder of the embedded server in local mode, named by its errors; null otherwise */
    S3ArtifactStore(StoreSettings settings, boolean createBuckets, AutoCloseable onClose, java.nio.file.Path embeddedFolder) {
        super(new S3Blobs(client(settings), settings.endpoint(), createBuckets,
                new Retry(settings.maxAttempts(), settings.initialBackoff()), embeddedFolder), Clock.systemUTC(),
                settings.producerUid());
        this.onClose = onClose;
    }

    private static MinioClient client(StoreSettings settings) {
        if (settings.endpoint() == null) {
            throw new IllegalArgumentException("no S3 endpoint in " + settings);
        }
        // Reads and writes of big parts may take long; connecting should not.
        OkHttpClient http = sharedHttpClient().newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(Duration.ofMinutes(5))
                .writeTimeout(Duration.ofMinutes(5))
                .build();
        MinioClient.Builder builder = MinioClient.builder().endpoint(settings.endpoint()).region(settings.region())
                .httpClient(http, false);
        if (settings.accessKey() != null) {
            builder.credentials(settings.accessKey(), settings.secretKey());
        }
        return builder.build();
    }

    /**
     * MinIO's default HTTP client loads the trust store each time it is built (about a second); build it once per
     * process and derive each store's client from it, sharing its connection pool and threads.
     */
    private static synchronized OkHttpClient sharedHttpClient() {
        if (sharedHttp == null) {
            long fiveMinutes = TimeUnit.MINUTES.toMillis(5);
            sharedHttp = HttpUtils.newDefaultHttpClient(fiveMinutes, fiveMinutes, fiveMinutes);
        }
        return sharedHttp;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (onClose != null) {
                try {
                    onClose.close();
                } catch (Exception e) {
                    // the embedded server is going away with the process anyway
                }
            }
        }
    }
}
