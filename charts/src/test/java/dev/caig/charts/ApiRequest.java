package dev.caig.charts;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * One Kubernetes API request as RBAC sees it: verb, API group, resource (with its subresource, e.g. "jobs" or
 * "adimagetrainingjobs/status"), namespace ("" for a cluster-wide request) and object name ("" when none).
 */
record ApiRequest(String verb, String group, String resource, String namespace, String name) {

    /** Parses an HTTP method and path the way the API server's request-info resolver does. */
    static ApiRequest of(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        int i;
        String group;
        if (parts.get(0).equals("api")) {
            group = "";
            i = 2; // api/v1/...
        } else if (parts.get(0).equals("apis")) {
            group = parts.get(1);
            i = 3; // apis/<group>/<version>/...
        } else {
            throw new IllegalArgumentException("not a resource request: " + method + " " + pathAndQuery);
        }
        String namespace = "";
        if (parts.size() > i + 1 && parts.get(i).equals("namespaces")) {
            namespace = parts.get(i + 1);
            i += 2;
        }
        if (parts.size() <= i) {
            throw new IllegalArgumentException("no resource in " + pathAndQuery);
        }
        String resource = parts.get(i);
        String name = parts.size() > i + 1 ? parts.get(i + 1) : "";
        if (parts.size() > i + 2) {
            resource = resource + "/" + parts.get(i + 2);
        }
        boolean watch = uri.getQuery() != null && Arrays.asList(uri.getQuery().split("&")).contains("watch=true");
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : name.isEmpty() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> throw new IllegalArgumentException("unexpected method " + method + " " + pathAndQuery);
        };
        return new ApiRequest(verb, group, resource, namespace, name);
    }

    /** The same request without the object's name and namespace: what "the operator uses" means for a rule. */
    Use use() {
        return new Use(group, resource, verb);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
                + (namespace.isEmpty() ? " (all namespaces)" : " in " + namespace) + (name.isEmpty() ? "" : " name " + name);
    }

    /** A (group, resource, verb) triple. */
    record Use(String group, String resource, String verb) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }
}
