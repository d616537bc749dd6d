package dev.caig.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.caig.operator.config.LeaderElection;
import dev.caig.operator.config.OperatorConfig;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.store.S3Uri;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import io.quarkiverse.operatorsdk.runtime.RunTimeOperatorConfiguration;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The chart sets only settings the operator really reads, spelt as it reads them: each env var of the operator
 * container names a property of one of the config mappings in the operator's classpath, and the operator's own
 * mapping, fed the rendered env, yields the values the chart was given.
 */
class ChartConfigContractTest {
    /** Read by something other than a config mapping, and by what. */
    private static final Map<String, String> READ_ELSEWHERE = Map.of(
            Utils.convertSystemPropertyNameToEnvVar(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY),
            "the Fabric8 client: its namespace, where JOSDK puts the leader-election Lease",
            "JAVA_TOOL_OPTIONS", "the JVM itself, at start");

    @Test
    void everyEnvVarOfTheOperatorIsASettingItReads() {
        Set<String> known = new TreeSet<>();
        for (Class<?> mapping : List.of(OperatorConfig.class, RunTimeOperatorConfiguration.class, JsonLogConfig.class)) {
            ConfigNames.properties(mapping).forEach(p -> known.add(ConfigNames.envName(p)));
        }
        assertTrue(known.contains("CAIG_RUNTIME_IMAGE") && known.contains("QUARKUS_OPERATOR_SDK_NAMESPACES"),
                "the name derivation itself works: " + known);
        for (Map<String, String> values : List.of(Chart.sets(),
                Chart.sets("minio.enabled", "true", "minio.rootPassword", "change-me-now", "watchNamespaces[0]", "caig"))) {
            Set<String> unknown = new LinkedHashSet<>();
            for (String name : Chart.render(values).operatorEnv().keySet()) {
                if (!known.contains(name) && !READ_ELSEWHERE.containsKey(name)) {
                    unknown.add(name);
                }
            }
            assertEquals(Set.of(), unknown, "env vars no config mapping of the operator reads (values " + values + ")");
        }
    }

    @Test
    void theOperatorsMappingReadsTheChartsValues() {
        Chart.Rendered r = Chart.render(Chart.sets("runtimeImage.repository", "registry.example.com/caig/runtime",
                "runtimeImage.tag", "1.2.3", "runtimeImageGpu.repository", "registry.example.com/caig/runtime-gpu",
                "runtimeImageGpu.tag", "1.2.3-cu124", "store.endpoint", "https://s3.example.com", "store.region", "eu-west-1",
                "progressInterval", "30s"));
        OperatorConfig config = operatorConfig(r);
        assertEquals("registry.example.com/caig/runtime:1.2.3", config.runtimeImage());
        assertEquals("registry.example.com/caig/runtime-gpu:1.2.3-cu124", config.runtimeImageGpu());
        assertEquals("https://s3.example.com", config.store().endpoint());
        assertEquals("eu-west-1", config.store().region());
        assertEquals(Duration.ofSeconds(30), config.progressInterval());
        assertEquals(java.util.Optional.empty(), config.podPolicy().allowedImages(), "by default anything goes");
    }

    @Test
    void thePodPolicyReachesTheOperator() {
        OperatorConfig config = operatorConfig(Chart.render(Chart.sets("podPolicy.allowedImages[0]", "registry.example.com/caig/",
                "podPolicy.allowedImages[1]", "ghcr.io/caig-dev/", "podPolicy.allowedServiceAccounts[0]", "caig-runner",
                "podPolicy.allowedPriorityClasses[0]", "caig-batch", "finishedJobTtl", "2d")));
        assertEquals(List.of("registry.example.com/caig/", "ghcr.io/caig-dev/"), config.podPolicy().allowedImages().orElseThrow());
        assertEquals(List.of("caig-runner"), config.podPolicy().allowedServiceAccounts().orElseThrow());
        assertEquals(List.of("caig-batch"), config.podPolicy().allowedPriorityClasses().orElseThrow());
        assertEquals(Duration.ofDays(2), config.finishedJobTtl());
    }

    @Test
    void theStoreScopeReachesTheOperator() {
        OperatorConfig open = operatorConfig(Chart.render(Chart.sets()));
        assertEquals(java.util.Optional.empty(), open.storeScope().allowedPrefixes(), "by default anything goes");
        assertTrue(open.storeScope().allowUnlistedNamespaces());

        OperatorConfig config = operatorConfig(Chart.render(Chart.sets(
                "storeScope.allowedPrefixes.caig-beauty[0]", "s3://caig/beauty/",
                "storeScope.allowedPrefixes.caig-beauty[1]", "s3://caig/shared/renderers/",
                "storeScope.allowedPrefixes.caig-electronics[0]", "s3://caig/electronics/",
                "storeScope.allowUnlistedNamespaces", "false")));
        assertEquals(List.of("caig-beauty=s3://caig/beauty/", "caig-beauty=s3://caig/shared/renderers/",
                "caig-electronics=s3://caig/electronics/"), config.storeScope().allowedPrefixes().orElseThrow());
        assertFalse(config.storeScope().allowUnlistedNamespaces());
        // ...and the operator reads them as the chart meant.
        AllowedPrefixes prefixes = AllowedPrefixes.parse(config.storeScope().allowedPrefixes().orElseThrow(),
                config.storeScope().allowUnlistedNamespaces());
        assertTrue(prefixes.allows("caig-beauty", S3Uri.parse("s3://caig/shared/renderers/sd15/")));
        assertFalse(prefixes.allows("caig-beauty", S3Uri.parse("s3://caig/electronics/runs/")));
        assertFalse(prefixes.allows("caig-other", S3Uri.parse("s3://caig/beauty/")));
    }

    @Test
    void watchedNamespacesReachTheOperatorSdkSetting() {
        SmallRyeConfig all = smallRye(Chart.render(Chart.sets()), RunTimeOperatorConfiguration.class);
        assertEquals(List.of("JOSDK_ALL_NAMESPACES"),
                all.getConfigMapping(RunTimeOperatorConfiguration.class).namespaces().orElseThrow());
        SmallRyeConfig two = smallRye(Chart.render(Chart.sets("watchNamespaces[0]", "caig-beauty", "watchNamespaces[1]",
                "caig-electronics")), RunTimeOperatorConfiguration.class);
        assertEquals(List.of("caig-beauty", "caig-electronics"),
                two.getConfigMapping(RunTimeOperatorConfiguration.class).namespaces().orElseThrow());
    }

    @Test
    void theLeaseTheRbacNamesIsTheOperatorsLease() {
        JsonNode role = Chart.render(Chart.sets()).get("Role", Chart.RELEASE + "-leader-election");
        Set<String> names = new TreeSet<>();
        role.path("rules").forEach(rule -> rule.path("resourceNames").forEach(n -> names.add(n.asText())));
        assertEquals(Set.of(LeaderElection.LEASE), names);
    }

    private static OperatorConfig operatorConfig(Chart.Rendered r) {
        return smallRye(r, OperatorConfig.class).getConfigMapping(OperatorConfig.class);
    }

    /** The rendered env as the operator's process would see it; Secret references read as a recognisable text. */
    private static SmallRyeConfig smallRye(Chart.Rendered r, Class<?> mapping) {
        Map<String, String> env = new HashMap<>();
        r.operatorEnv().forEach((name, value) -> env.put(name, value.isTextual() ? value.asText()
                : "from-secret:" + value.path("secretKeyRef").path("name").asText() + "/" + value.path("secretKeyRef").path("key").asText()));
        return new SmallRyeConfigBuilder().withMapping(mapping).withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter()).build();
    }
}
