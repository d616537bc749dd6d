package dev.caig.runtime.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;

import dev.caig.runtime.CaigException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Objects in any S3 endpoint through the MinIO SDK, with bounded retries for transient faults. */
final class S3Blobs implements BlobBackend {

    /** Files above this go up as a multipart upload in parts of this size (S3's minimum part is 5 MiB). */
    static final long PART_SIZE = 8L * 1024 * 1024;

    private final MinioClient client;
    private final String endpoint;
    private final boolean createBuckets;
    private final Retry retry;
    private final Path embeddedFolder;
    private final Set<String> checkedBuckets = ConcurrentHashMap.newKeySet();

    /**
     * @param endpoint      the endpoint URL, for messages only
     * @param createBuckets create a missing bucket (local mode) instead of failing
     */
    S3Blobs(MinioClient client, String endpoint, boolean createBuckets, Retry retry) {
        this(client, endpoint, createBuckets, retry, null);
    }

    /**
     * @param embeddedFolder the folder behind the embedded server in local mode (its failures name it, not
     *                       CAIG_S3_ENDPOINT, which the user never set); null for a real endpoint
     */
    S3Blobs(MinioClient client, String endpoint, boolean createBuckets, Retry retry, Path embeddedFolder) {
        this.embeddedFolder = embeddedFolder;
        this.client = client;
        this.endpoint = endpoint;
        this.createBuckets = createBuckets;
        this.retry = retry;
    }

    @Override
    public ArtifactUri.Scheme scheme() {
        return ArtifactUri.Scheme.S3;
    }

    @Override
    public void upload(Path source, ArtifactUri target) {
        ensureBucket(target);
        call("uploading " + source + " to", target, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(target.bucket()).object(target.key()).filename(source.toString(), PART_SIZE).build()));
    }

    @Override
    public void write(ArtifactUri target, byte[] bytes) {
        ensureBucket(target);
        call("writing", target, () -> client.putObject(PutObjectArgs.builder()
                .bucket(target.bucket()).object(target.key())
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build()));
    }

    @Override
    public Optional<InputStream> open(ArtifactUri object) {
        ensureBucket(object);
        try {
            return Optional.of(retry.call(() -> client.getObject(GetObjectArgs.builder()
                    .bucket(object.bucket()).object(object.key()).build())));
        } catch (Retry.Exhausted e) {
            if (S3Errors.isNoSuchKey(e.failure())) {
                return Optional.empty();
            }
            throw translate(e, "reading", object);
        }
    }

    @Override
    public List<StoredFile> listFiles(ArtifactUri prefix) {
        ensureBucket(prefix);
        String keyPrefix = prefix.key().isEmpty() ? "" : prefix.key() + "/";
        return call("listing", prefix, () -> {
            List<StoredFile> out = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(prefix.bucket()).prefix(keyPrefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir() && item.objectName().startsWith(keyPrefix)) {
                    out.add(new StoredFile(item.objectName().substring(keyPrefix.length()), item.size()));
                }
            }
            out.sort(java.util.Comparator.comparing(StoredFile::path));
            return out;
        });
    }

    @Override
    public void delete(ArtifactUri object) {
        ensureBucket(object);
        call("deleting", object, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(object.bucket()).object(object.key()).build());
            return null;
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // nothing left to do: the connection pool is being dropped anyway
        }
    }

    /** Checks each bucket once; creates it only in local mode, otherwise says it is missing. */
    private void ensureBucket(ArtifactUri uri) {
        String bucket = uri.bucket();
        if (checkedBuckets.contains(bucket)) {
            return;
        }
        boolean exists;
        try {
            exists = retry.call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        } catch (Retry.Exhausted e) {
            if ("AccessDenied".equals(S3Errors.code(e.failure())) && !createBuckets) {
                // Some keys may read objects but not the bucket itself: let the real call speak for itself.
                checkedBuckets.add(bucket);
                return;
            }
            throw translate(e, "checking the bucket of", uri);
        }
        if (!exists) {
            if (!createBuckets) {
                throw S3Errors.missingBucket(bucket, endpoint, null);
            }
            call("creating the bucket of", uri, () -> {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (io.minio.errors.ErrorResponseException e) {
                    String code = S3Errors.code(e);
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
                return null;
            });
        }
        checkedBuckets.add(bucket);
    }

    private <T> T call(String action, ArtifactUri uri, Retry.Call<T> call) {
        try {
            return retry.call(call);
        } catch (Retry.Exhausted e) {
            throw translate(e, action, uri);
        }
    }

    private CaigException translate(Retry.Exhausted e, String action, ArtifactUri uri) {
        CaigException general = S3Errors.translate(e.failure(), e.attempts, action, uri, endpoint);
        if (embeddedFolder == null) {
            return general;
        }
        Throwable cause = e.failure();
        String why = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                : cause.getMessage().lines().findFirst().orElse("");
        return new CaigException("the local artifact store in " + embeddedFolder + " failed while " + action + " " + uri
                + " (" + why + "): check that the folder is writable, or set CAIG_LOCAL_STORE to another folder", general);
    }

    @Override
    public String toString() {
        return "S3 at " + endpoint;
    }
}
