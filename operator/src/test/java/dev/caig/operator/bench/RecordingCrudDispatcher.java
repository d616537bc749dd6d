package dev.caig.operator.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock server's CRUD dispatcher, keeping a copy of each request of one User-Agent with its body. The mock
 * server's own request log cannot be replayed: the dispatcher reads (and so empties) each recorded body.
 */
final class RecordingCrudDispatcher extends IndexedCrudDispatcher {

    /** One request as the mock server received it. */
    record Sent(String method, String path, String contentType, String body) {
    }

    private final String userAgent;
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

    RecordingCrudDispatcher(Lookup lookup, String userAgent) {
        super(lookup);
        this.userAgent = userAgent;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (userAgent.equals(request.getHeader("User-Agent"))) {
            String body = request.getBody() == null ? null : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
            sent.add(new Sent(request.getMethod(), request.getPath(), request.getHeader("Content-Type"), body));
        }
        return super.dispatch(request);
    }

    /** The requests recorded since the last call, in the order they reached the dispatcher. */
    List<Sent> drain() {
        List<Sent> out = new ArrayList<>();
        Sent s;
        while ((s = sent.poll()) != null) {
            out.add(s);
        }
        return out;
    }
}
