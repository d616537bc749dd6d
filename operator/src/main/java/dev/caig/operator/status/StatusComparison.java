package dev.caig.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Compares two status objects by their JSON, so that an unchanged status is never patched. */
public final class StatusComparison {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private StatusComparison() {
    }

    public static boolean same(Object a, Object b) {
        try {
            return JSON.writeValueAsString(a).equals(JSON.writeValueAsString(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A deep copy through JSON (status objects are plain beans). */
    public static <T> T copy(T value, Class<T> type) {
        if (value == null) {
            return null;
        }
        return JSON.convertValue(value, type);
    }

    public static String hash(Object value) {
        try {
            return dev.caig.operator.naming.ResourceNames.sha256Hex(JSON.writeValueAsString(value)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
