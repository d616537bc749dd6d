package dev.caig.operator.store;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;

/** ArtifactStore over the MinIO Java SDK (any S3 endpoint). Credentials stay inside the client. */
public class MinioArtifactStore implements ArtifactStore {
    private final MinioClient client;

    public MinioArtifactStore(String endpoint, String region, String accessKey, String secretKey) {
        this.client = MinioClient.builder().endpoint(endpoint).region(region).credentials(accessKey, secretKey).build();
    }

    @Override
    public Optional<byte[]> read(S3Uri object) throws StoreException {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(object.bucket()).object(object.key()).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                return Optional.empty();
            }
            throw new StoreException("cannot read " + object + ": " + code, e);
        } catch (Exception e) {
            throw new StoreException("cannot read " + object + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int deletePrefix(S3Uri prefix) throws StoreException {
        try {
            List<DeleteObject> objects = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(prefix.bucket())
                    .prefix(prefix.folderKey()).recursive(true).build())) {
                objects.add(new DeleteObject(r.get().objectName()));
            }
            if (objects.isEmpty()) {
                return 0;
            }
            List<String> errors = new ArrayList<>();
            for (Result<DeleteError> r : client.removeObjects(RemoveObjectsArgs.builder().bucket(prefix.bucket())
                    .objects(objects).build())) {
                DeleteError error = r.get();
                errors.add(error.objectName() + ": " + error.code());
            }
            if (!errors.isEmpty()) {
                throw new StoreException("could not delete " + errors.size() + " objects under " + prefix + ", e.g. " + errors.get(0));
            }
            return objects.size();
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("cannot delete " + prefix + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
