package dev.caig.runtime.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response, built before anything is written so that a failure half-way can still become a problem. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Reply json(int status, Object value) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply problem(ProblemException e) {
        return problem(e.problem(), e.headers());
    }

    static Reply problem(Problem problem, Map<String, String> headers) {
        try {
            return new Reply(problem.status(), Problem.MEDIA_TYPE, JSON.writeValueAsBytes(problem), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem: " + e.getMessage(), e);
        }
    }
}
