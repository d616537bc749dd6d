package dev.caig.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;

/** helm lint --strict, the CRDs, and what the templates render with default and non-default values. */
class ChartTest {

    @Test
    void lintStrictPasses() {
        LintResult result = Chart.helm().lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void chartCrdsAreTheGeneratedCrdsByteForByte() throws IOException {
        List<String> generated = fileNames(Chart.ROOT.resolve("crds"));
        assertEquals(generated, fileNames(Chart.DIR.resolve("crds")), "charts/caig-operator/crds/ holds other files than crds/");
        assertEquals(3, generated.size());
        for (String name : generated) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(Chart.ROOT.resolve("crds").resolve(name)),
                    Files.readAllBytes(Chart.DIR.resolve("crds").resolve(name))),
                    name + " differs: copy crds/*.yml into charts/caig-operator/crds/");
        }
    }

    @Test
    void defaultValuesRenderTheOperatorAndNothingOptional() {
        Chart.Rendered r = Chart.render(Chart.sets());
        assertEquals(List.of("ServiceAccount/caig-operator", "ClusterRole/caig-operator", "ClusterRoleBinding/caig-operator",
                "Role/caig-operator-leader-election", "RoleBinding/caig-operator-leader-election", "Service/caig-operator",
                "Deployment/caig-operator"), r.names());
        JsonNode pod = r.get("Deployment", Chart.RELEASE).path("spec").path("template").path("spec");
        assertEquals(2, r.get("Deployment", Chart.RELEASE).path("spec").path("replicas").asInt(), "one leader, one standby");
        assertEquals("caig-operator", pod.path("serviceAccountName").asText());
        assertEquals("ghcr.io/caig-dev/caig-operator:0.1.0", r.operatorContainer().path("image").asText());
        assertEquals("ghcr.io/caig-dev/caig-runtime:0.1.0", r.env("CAIG_RUNTIME_IMAGE"));
        assertEquals("ghcr.io/caig-dev/caig-runtime:0.1.0-cuda", r.env("CAIG_RUNTIME_IMAGE_GPU"), "appVersion + -cuda");
        assertEquals("JOSDK_ALL_NAMESPACES", r.env("QUARKUS_OPERATOR_SDK_NAMESPACES"));
        assertEquals("http://minio.minio:9000", r.env("CAIG_STORE_ENDPOINT"));
        assertFalse(r.operatorEnv().containsKey("CAIG_STORE_SECRET_KEY"), "no store keys of its own");
        assertEquals("metadata.namespace", r.operatorEnv().get("KUBERNETES_NAMESPACE").path("fieldRef").path("fieldPath").asText());
    }

    @Test
    void theOperatorRunsLockedDown() {
        JsonNode pod = Chart.render(Chart.sets()).get("Deployment", Chart.RELEASE).path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals(1000, pod.path("securityContext").path("runAsUser").asInt());
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertFalse(c.path("securityContext").path("privileged").asBoolean(true));
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertEquals("[\"ALL\"]", c.path("securityContext").path("capabilities").path("drop").toString());
        // read-only root: the only writable place is an emptyDir at /tmp
        assertEquals("/tmp", c.path("volumeMounts").get(0).path("mountPath").asText());
        assertTrue(pod.path("volumes").get(0).has("emptyDir"));
        assertEquals("256Mi", c.path("resources").path("requests").path("memory").asText());
        assertEquals("512Mi", c.path("resources").path("limits").path("memory").asText());
        assertEquals("/q/health/started", c.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(8080, c.path("ports").get(0).path("containerPort").asInt());
    }

    @Test
    void rbacIsTheSameListInBothModesWithoutWildcardsOrSecrets() {
        Chart.Rendered cluster = Chart.render(Chart.sets());
        Chart.Rendered namespaced = Chart.render(Chart.sets("watchNamespaces[0]", "caig-beauty", "watchNamespaces[1]", "caig-electronics"));
        JsonNode clusterRules = cluster.get("ClusterRole", Chart.RELEASE).path("rules");
        for (String ns : List.of("caig-beauty", "caig-electronics")) {
            JsonNode role = namespaced.ofKind("Role").stream()
                    .filter(x -> x.path("metadata").path("namespace").asText().equals(ns)).findFirst().orElseThrow();
            assertEquals(clusterRules, role.path("rules"), "Role in " + ns);
            JsonNode binding = namespaced.ofKind("RoleBinding").stream()
                    .filter(x -> x.path("metadata").path("namespace").asText().equals(ns)).findFirst().orElseThrow();
            assertEquals(Chart.NAMESPACE, binding.path("subjects").get(0).path("namespace").asText());
        }
        assertEquals(List.of(), namespaced.ofKind("ClusterRole"));
        assertEquals(List.of(), namespaced.ofKind("ClusterRoleBinding"));
        for (Chart.Rendered r : List.of(cluster, namespaced)) {
            for (String kind : List.of("ClusterRole", "Role")) {
                for (JsonNode role : r.ofKind(kind)) {
                    String text = role.path("rules").toString();
                    assertFalse(text.contains("\"*\""), kind + " with a wildcard: " + text);
                    // Secrets: get by name only (a resource's own store Secret), never list or watch.
                    for (JsonNode rule : role.path("rules")) {
                        if (rule.path("resources").toString().contains("secrets")) {
                            assertEquals("[\"get\"]", rule.path("verbs").toString(), kind + ": " + text);
                        }
                    }
                }
            }
        }
        JsonNode lease = cluster.get("Role", Chart.RELEASE + "-leader-election");
        assertEquals(Chart.NAMESPACE, lease.path("metadata").path("namespace").asText());
        assertEquals("[\"create\"]", lease.path("rules").get(0).path("verbs").toString(), "create cannot be limited by name");
        assertEquals("[\"get\",\"update\",\"patch\"]", lease.path("rules").get(1).path("verbs").toString());
    }

    @Test
    void nonDefaultValuesReachTheObjects() {
        Chart.Rendered r = Chart.render("ads", "platform", Map.ofEntries(
                Map.entry("image.repository", "registry.example.com/caig/operator"), Map.entry("image.tag", "0.2.0"),
                Map.entry("image.pullPolicy", "Always"), Map.entry("replicaCount", "3"),
                Map.entry("runtimeImage.repository", "registry.example.com/caig/runtime"), Map.entry("runtimeImage.tag", "0.2.0"),
                Map.entry("runtimeImageGpu.repository", "registry.example.com/caig/runtime"),
                Map.entry("store.endpoint", "https://s3.example.com"),
                Map.entry("nodeSelector.pool", "system"), Map.entry("priorityClassName", "system-cluster-critical"),
                Map.entry("tolerations[0].key", "dedicated"), Map.entry("tolerations[0].operator", "Exists"),
                Map.entry("extraEnv[0].name", "QUARKUS_LOG_LEVEL"), Map.entry("extraEnv[0].value", "DEBUG"),
                Map.entry("logging.json", "false"), Map.entry("resources.limits.memory", "1Gi")));
        JsonNode d = r.get("Deployment", "ads-caig-operator");
        JsonNode pod = d.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertEquals(3, d.path("spec").path("replicas").asInt());
        assertEquals("registry.example.com/caig/operator:0.2.0", c.path("image").asText());
        assertEquals("Always", c.path("imagePullPolicy").asText());
        assertEquals("system", pod.path("nodeSelector").path("pool").asText());
        assertEquals("system-cluster-critical", pod.path("priorityClassName").asText());
        assertEquals("dedicated", pod.path("tolerations").get(0).path("key").asText());
        assertEquals("1Gi", c.path("resources").path("limits").path("memory").asText());
        Map<String, JsonNode> env = envOf(c);
        assertEquals("registry.example.com/caig/runtime:0.2.0", env.get("CAIG_RUNTIME_IMAGE").asText());
        assertEquals("registry.example.com/caig/runtime:0.1.0-cuda", env.get("CAIG_RUNTIME_IMAGE_GPU").asText(),
                "without a tag: the chart's appVersion + -cuda");
        assertEquals("https://s3.example.com", env.get("CAIG_STORE_ENDPOINT").asText());
        assertFalse(env.containsKey("CAIG_STORE_ACCESS_KEY") || env.containsKey("CAIG_STORE_SECRET_KEY"),
                "the operator has no store keys of its own");
        assertEquals("false", env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText());
        assertEquals("DEBUG", env.get("QUARKUS_LOG_LEVEL").asText());
        // names follow the release; bindings still point at the service account in the release namespace
        RbacRules rules = RbacRules.of(r, "ads-caig-operator", "platform");
        assertTrue(rules.allows(ApiRequest.of("POST", "/apis/batch/v1/namespaces/any/jobs")));
        assertTrue(rules.allows(ApiRequest.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/platform/leases/caig-operator-lease")));
        assertFalse(rules.allows(ApiRequest.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/platform/leases/other")));
        assertTrue(rules.allows(ApiRequest.of("GET", "/api/v1/namespaces/any/secrets/s3-keys")), "a resource's own Secret");
        assertFalse(rules.allows(ApiRequest.of("GET", "/api/v1/namespaces/any/secrets")), "but never a list of them");
    }

    @Test
    void rbacAndServiceAccountCanBeLeftToThePlatform() {
        Chart.Rendered r = Chart.render(Chart.sets("rbac.create", "false", "serviceAccount.create", "false",
                "serviceAccount.name", "platform-managed"));
        assertEquals(List.of("Service/caig-operator", "Deployment/caig-operator"), r.names());
        assertEquals("platform-managed", r.get("Deployment", Chart.RELEASE).path("spec").path("template").path("spec")
                .path("serviceAccountName").asText());
    }

    @Test
    void serviceMonitorScrapesTheMetricsService() {
        Chart.Rendered r = Chart.render(Chart.sets("metrics.serviceMonitor.enabled", "true", "metrics.serviceMonitor.labels.release", "prom"));
        JsonNode sm = r.get("ServiceMonitor", Chart.RELEASE);
        JsonNode service = r.get("Service", Chart.RELEASE);
        assertEquals("prom", sm.path("metadata").path("labels").path("release").asText());
        sm.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                assertEquals(e.getValue(), service.path("metadata").path("labels").path(e.getKey()), e.getKey()));
        assertEquals("/q/metrics", sm.path("spec").path("endpoints").get(0).path("path").asText());
        assertEquals("http", sm.path("spec").path("endpoints").get(0).path("port").asText());
        assertEquals("http", service.path("spec").path("ports").get(0).path("name").asText());
    }

    @Test
    void bundledMinioIsOffByDefaultAndBecomesTheStoreWhenOn() {
        Chart.Rendered r = Chart.render(Chart.sets("minio.enabled", "true", "minio.rootPassword", "change-me-now"));
        String minio = "caig-operator-minio";
        JsonNode secret = r.get("Secret", minio);
        assertEquals("caig", new String(java.util.Base64.getDecoder().decode(secret.path("data").path("accessKey").asText())));
        assertEquals("change-me-now", new String(java.util.Base64.getDecoder().decode(secret.path("data").path("secretKey").asText())));
        JsonNode pod = r.get("Deployment", minio).path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertTrue(c.path("image").asText().startsWith("minio/minio:RELEASE."), c.path("image").asText());
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals(minio, pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText());
        assertEquals("10Gi", r.get("PersistentVolumeClaim", minio).path("spec").path("resources").path("requests").path("storage").asText());
        assertEquals(List.of(9000, 9001), r.get("Service", minio).path("spec").path("ports").findValues("port").stream()
                .map(JsonNode::asInt).toList());
        List<JsonNode> bucketJobs = r.ofKind("Job");
        assertEquals(1, bucketJobs.size());
        JsonNode minioSelector = r.get("Service", minio).path("spec").path("selector");
        assertTrue(selects(minioSelector, r.get("Deployment", minio).path("spec").path("template")
                .path("metadata").path("labels")), "the Service selects the MinIO pod");
        assertFalse(selects(minioSelector, bucketJobs.get(0).path("spec").path("template").path("metadata").path("labels")),
                "the MinIO Service must not send traffic to the bucket Job's pod");
        String script = bucketJobs.get(0).path("spec").path("template").path("spec").path("containers").get(0).path("command").get(2).asText();
        assertTrue(script.contains("mc mb --ignore-existing \"caig/caig\""), script);
        String otherBucket = Chart.render(Chart.sets("minio.enabled", "true", "minio.rootPassword", "change-me-now",
                "minio.bucket", "ads")).ofKind("Job").get(0).path("metadata").path("name").asText();
        assertFalse(otherBucket.equals(bucketJobs.get(0).path("metadata").path("name").asText()),
                "another bucket is another Job (a Job's template cannot be changed)");
        // every resource without its own endpoint uses it (with its own keys: the operator gets none)
        assertEquals("http://caig-operator-minio.caig-system.svc:9000", r.env("CAIG_STORE_ENDPOINT"));
        assertFalse(r.operatorEnv().containsKey("CAIG_STORE_ACCESS_KEY"));

        Chart.Rendered off = Chart.render(Chart.sets("minio.rootPassword", "unused-when-off"));
        assertTrue(off.names().stream().noneMatch(n -> n.contains("minio")), off.names().toString());
        Chart.Rendered ephemeral = Chart.render(Chart.sets("minio.enabled", "true", "minio.rootPassword", "change-me-now",
                "minio.persistence.enabled", "false"));
        assertTrue(ephemeral.find("PersistentVolumeClaim", minio).isEmpty());
        assertTrue(ephemeral.get("Deployment", minio).path("spec").path("template").path("spec").path("volumes").get(0).has("emptyDir"));
    }

    @Test
    void badValuesFailWithAMessageNamingTheValue() {
        assertRejected(Chart.sets("replicas", "3"), "replicas");
        assertRejected(Chart.sets("replicaCount", "two"), "replicaCount");
        assertRejected(Chart.sets("store.endpoint", "minio.minio:9000"), "store.endpoint");
        assertRejected(Chart.sets("watchNamespaces[0]", "Team_A"), "watchNamespaces");
        assertRejected(Chart.sets("progressInterval", "soon"), "progressInterval");
        assertRejected(Chart.sets("runtimeImageGpu.repository", ""), "runtimeImageGpu.repository");
        assertRejected(Chart.sets("minio.enabled", "true"), "minio.rootPassword");
        assertRejected(Chart.sets("minio.enabled", "true", "minio.rootPassword", "short"), "minio.rootPassword");
        assertRejected(Chart.sets("serviceAccount.create", "false"), "serviceAccount.name");
        assertRejected(Chart.sets("storeScope.allowedPrefixes.caig-beauty[0]", "caig/beauty/"), "storeScope.allowedPrefixes");
        assertRejected(Chart.sets("storeScope.allowedPrefixes.Team_A[0]", "s3://caig/a/"), "storeScope.allowedPrefixes");
    }

    private static void assertRejected(Map<String, String> values, String named) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(values), "accepted " + values);
        assertTrue(e.getMessage().contains(named), "message does not name " + named + ": " + e.getMessage());
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        boolean all = true;
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            all &= e.getValue().equals(labels.path(e.getKey()));
        }
        return all;
    }

    private static Map<String, JsonNode> envOf(JsonNode container) {
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.has("value") ? e.get("value") : e.path("valueFrom"));
        }
        return env;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
