package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small loopback client for the serve tests: JSON and multipart generate requests, GETs, JSON parsing. */
public final class ServeClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ServeFixtures.CLIENT_TIMEOUT).build();
    private final String base;

    public ServeClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(ServeFixtures.CLIENT_TIMEOUT).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String contentType, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/generate")).timeout(ServeFixtures.CLIENT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A JSON generate request; null values are left out. */
    public HttpResponse<String> generateJson(byte[] image, String title, Integer candidates, Long seed, String... headers)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (image != null) {
            body.put("image", Base64.getEncoder().encodeToString(image));
        }
        if (title != null) {
            body.put("title", title);
        }
        if (candidates != null) {
            body.put("candidates", candidates);
        }
        if (seed != null) {
            body.put("seed", seed);
        }
        return post("application/json", JSON.writeValueAsBytes(body), headers);
    }

    /** A multipart generate request with the given text fields and an optional image file. */
    public HttpResponse<String> generateMultipart(byte[] image, Map<String, String> fields) throws IOException, InterruptedException {
        String boundary = "caigTestBoundary7MA4YWxk";
        return post("multipart/form-data; boundary=" + boundary, multipart(boundary, image, fields));
    }

    public static byte[] multipart(String boundary, byte[] image, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        if (image != null) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n");
            out.writeBytes(image);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The metrics text once it contains every expected piece. A request's latency is recorded just after its
     * response is sent, so a client can see the response a moment before the metric.
     */
    public String awaitMetrics(String path, java.util.List<String> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String text;
        do {
            text = get(path).body();
            String current = text;
            if (expected.stream().allMatch(current::contains)) {
                return text;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return text;
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
