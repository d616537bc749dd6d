package dev.caig.operator.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which s3:// prefixes the resources of each namespace may use (chart values storeScope.*): what the platform team
 * grants on top of each team's own store keys. A namespace with a list may use only objects under one of its
 * prefixes; a namespace without one may use anything, unless unlisted namespaces are refused. No entries at all (the
 * default) allow anything. The prefixes hold whatever endpoint a resource's spec.store names.
 */
public final class AllowedPrefixes {
    public static final String SETTING = "storeScope.allowedPrefixes";
    public static final AllowedPrefixes ANYTHING = new AllowedPrefixes(Map.of(), true);

    private final Map<String, List<S3Uri>> byNamespace;
    private final boolean unlistedAllowed;

    private AllowedPrefixes(Map<String, List<S3Uri>> byNamespace, boolean unlistedAllowed) {
        this.byNamespace = Map.copyOf(byNamespace);
        this.unlistedAllowed = unlistedAllowed;
    }

    /**
     * @param entries "namespace=s3://bucket/prefix", one prefix each (a namespace may have several entries)
     * @throws IllegalArgumentException one line naming the setting and the entry at fault
     */
    public static AllowedPrefixes parse(List<String> entries, boolean unlistedAllowed) {
        Map<String, List<S3Uri>> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String namespace = eq < 0 ? "" : entry.substring(0, eq).trim();
            String uri = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (namespace.isEmpty() || !uri.startsWith("s3://") || uri.length() == "s3://".length() || hasDotSegment(S3Uri.parse(uri))) {
                throw new IllegalArgumentException(SETTING + ": '" + entry + "' is not namespace=s3://bucket/prefix");
            }
            map.computeIfAbsent(namespace, n -> new ArrayList<>()).add(S3Uri.parse(uri));
        }
        return new AllowedPrefixes(map, unlistedAllowed);
    }

    /** Whether resources in the namespace may read or delete the object or folder. */
    public boolean allows(String namespace, S3Uri uri) {
        List<S3Uri> allowed = namespace == null ? null : byNamespace.get(namespace);
        if (allowed == null) {
            return unlistedAllowed;
        }
        // S3 keys are literal, but some S3 servers resolve "..": a key with dot segments never matches a prefix.
        return !hasDotSegment(uri) && allowed.stream().anyMatch(p -> under(uri, p));
    }

    /** Empty when allowed, else one line naming the field, the URI, the namespace and the setting. */
    public Optional<String> refuse(String namespace, String field, String uri) {
        if (uri == null || !uri.startsWith("s3://") || allows(namespace, S3Uri.parse(uri))) {
            return Optional.empty();
        }
        List<S3Uri> allowed = namespace == null ? null : byNamespace.get(namespace);
        String may = allowed == null ? "namespace " + namespace + " is not listed and unlisted namespaces are refused"
                : "namespace " + namespace + " may use only " + allowed;
        return Optional.of(field + " (" + uri + ") is outside the store prefixes allowed here: " + may
                + " (operator setting " + SETTING + ")");
    }

    private static boolean under(S3Uri uri, S3Uri prefix) {
        if (!uri.bucket().equals(prefix.bucket())) {
            return false;
        }
        String folder = prefix.folderKey();
        return folder.isEmpty() || uri.folderKey().startsWith(folder);
    }

    private static boolean hasDotSegment(S3Uri uri) {
        return Stream.of(uri.key().split("/")).anyMatch(s -> s.equals(".") || s.equals(".."));
    }
}
