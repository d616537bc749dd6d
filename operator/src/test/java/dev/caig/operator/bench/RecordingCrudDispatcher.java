package dev.caig.operator.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock server's CRUD dispatcher, keeping a copy of each request of one User-Agent with its body (the mock
 * server's own request log cannot be replayed: the dispatcher reads, and so empties, each recorded body), and telling
 * when a Job is stored.
 */
final class RecordingCrudDispatcher extends IndexedCrudDispatcher {

    private static final int CREATED = 201;
    private static final Pattern JOBS = Pattern.compile("/apis/batch/v1/namespaces/[^/]+/jobs(\\?.*)?");

    /** One request as the mock server received it. */
    record Sent(String method, String path, String contentType, String body) {
    }

    private final String userAgent;
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private volatile Runnable onJobCreated = () -> {
    };

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
        MockResponse response = super.dispatch(request);
        if ("POST".equals(request.getMethod()) && response.code() == CREATED && JOBS.matcher(request.getPath()).matches()) {
            onJobCreated.run();
        }
        return response;
    }

    /** Called once for each batch/v1 Job the store accepts (as it is stored: no watch, no client in between). */
    void onJobCreated(Runnable listener) {
        onJobCreated = listener;
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
