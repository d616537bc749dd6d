package dev.caig.operator.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.SecretKeysRef;
import dev.caig.operator.runtimepod.RuntimePod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Opens a resource's store with the resource's own credentials Secret (read from the resource's namespace) at the
 * endpoint its pods use. So the operator can read or delete only what the team's own keys allow, and reads through
 * the same endpoint as the pods. Clients are cached per endpoint and Secret version (a rotated Secret gets a new one).
 */
public class SecretArtifactStores implements ArtifactStores {
    private static final int CACHED_CLIENTS = 256;

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final Map<String, ArtifactStore> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArtifactStore> eldest) {
            return size() > CACHED_CLIENTS;
        }
    });

    public SecretArtifactStores(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public ArtifactStore open(StoreScope scope) throws StoreException {
        SecretKeysRef ref = scope.store().getCredentialsSecret();
        String where = "Secret " + scope.namespace() + "/" + ref.getName();
        Secret secret;
        try {
            secret = client.secrets().inNamespace(scope.namespace()).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new StoreException("cannot read " + where + " (spec.store.credentialsSecret): " + e.getMessage(), e);
        }
        if (secret == null) {
            throw new StoreException(where + " (spec.store.credentialsSecret) does not exist");
        }
        String accessKeyKey = RuntimePod.orDefault(ref.getAccessKeyKey(), "accessKey");
        String secretKeyKey = RuntimePod.orDefault(ref.getSecretKeyKey(), "secretKey");
        String accessKey = value(secret, accessKeyKey, where);
        String secretKey = value(secret, secretKeyKey, where);
        String endpoint = RuntimePod.orDefault(scope.store().getEndpoint(), settings.defaultStoreEndpoint());
        String region = RuntimePod.orDefault(scope.store().getRegion(), settings.defaultStoreRegion());
        String key = String.join("\n", endpoint, region, scope.namespace(), ref.getName(),
                String.valueOf(secret.getMetadata().getResourceVersion()), accessKeyKey, secretKeyKey);
        return cache.computeIfAbsent(key, k -> new MinioArtifactStore(endpoint, region, accessKey, secretKey));
    }

    private static String value(Secret secret, String key, String where) throws StoreException {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        throw new StoreException(where + " has no key " + key + " (spec.store.credentialsSecret)");
    }
}
