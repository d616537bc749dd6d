package dev.caig.serve;

import dev.caig.runtime.serve.Problem;
import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hundreds of malformed generate requests, generated with a fixed seed: every one must get a 4xx with an RFC 7807
 * problem body whose status matches, never a 500, never a hang (every call has a client timeout).
 */
class MalformedRequestFuzzIT {
    static final long MAX_IMAGE_BYTES = 64 * 1024;
    static final long MAX_PIXELS = 256 * 256;

    @TempDir
    static Path dir;
    static ServeProcess server;
    static ServeClient client;

    /** One malformed request: what it is (for the failure message), content type and body. */
    record Case(String name, String contentType, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = ServeProcess.startReady(dir, "--max-image-bytes", Long.toString(MAX_IMAGE_BYTES),
                "--max-image-pixels", Long.toString(MAX_PIXELS));
        client = new ServeClient(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Timeout(150)
    void everyMalformedBodyGetsA4xxProblemAndNoneHangs() throws Exception {
        List<Case> cases = cases(new Random(20261130));
        assertTrue(cases.size() >= 300, "a few hundred cases: " + cases.size());
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Case c : cases) {
            HttpResponse<String> response = client.post(c.contentType(), c.body());
            assertProblem(c.name(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
            statuses.merge(response.statusCode(), 1, Integer::sum);
        }
        // The families each produced their status: the fuzz reaches every kind of check.
        for (int status : new int[] {400, 413, 415, 422}) {
            assertTrue(statuses.getOrDefault(status, 0) > 0, "some case got " + status + ": " + statuses);
        }
        HttpResponse<String> metrics = client.get("/metrics");
        assertTrue(!metrics.body().contains("status=\"500\""), "no 500 was ever answered");
        assertEquals(200, client.generateJson(ServeFixtures.productPng(), "still serving", 1, 1L).statusCode());
    }

    @Test
    @Timeout(60)
    void rawConnectionsWithLyingLengthsGetProblemsToo() throws Exception {
        String huge = raw("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000000000\r\n\r\n{\"title\":", false);
        assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
        assertTrue(huge.contains("urn:caig:problem:body-too-large"), huge);

        // A body cut short by the client closing its side: Vert.x closes the connection at the end of its input, so
        // no answer can be written (the JDK server of earlier builds answered 400); it must not hang or succeed.
        long start = System.nanoTime();
        String shortBody = raw("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\n\r\n{\"title\":\"cut", true);
        assertEquals("", shortBody);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "closed at once");

        // A chunked body (no declared length) over the limit is cut off at the limit.
        byte[] big = new byte[(int) (MAX_IMAGE_BYTES * 3)];
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(client.base() + "/v1/generate"))
                .timeout(ServeFixtures.CLIENT_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> response = client.send(chunked);
        assertProblem("chunked oversize", response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
        assertEquals(413, response.statusCode());
    }

    static void assertProblem(String name, int status, String contentType, String body) throws Exception {
        if (status < 400 || status >= 500) {
            fail(name + ": expected a 4xx, got " + status + " " + body);
        }
        assertEquals(Problem.MEDIA_TYPE, contentType, name);
        JsonNode problem = ServeClient.JSON.readTree(body);
        assertEquals(status, problem.path("status").asInt(), name + ": " + body);
        assertTrue(problem.path("type").asText().startsWith("urn:caig:problem:"), name + ": " + body);
        assertTrue(problem.path("title").isTextual() && problem.path("detail").isTextual(), name + ": " + body);
        assertTrue(!body.contains("\tat ") && !body.contains("Exception"), name + ": no stack trace in " + body);
    }

    /** Sends raw bytes on a socket and returns the whole response; optionally half-closes after writing. */
    static String raw(String request, boolean halfClose) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            // Read the head and body: the server sends Content-Length, so stop once the body is complete.
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                response.write(buffer, 0, n);
                String text = response.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                    if (m.find() && response.size() >= headEnd + 4 + Integer.parseInt(m.group(1))) {
                        break;
                    }
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    static List<Case> cases(Random random) throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] png = ServeFixtures.productPng();
        String boundary = "fuzzBoundary42";
        String multipart = "multipart/form-data; boundary=" + boundary;

        for (int i = 0; i < 40; i++) {
            byte[] noise = bytes(random, random.nextInt(3000));
            cases.add(new Case("random bytes as JSON " + i, "application/json", noise));
            cases.add(new Case("random bytes as multipart " + i, multipart, noise));
        }
        for (String type : new String[] {null, "text/plain", "image/png", "application/x-www-form-urlencoded",
                "application/xml", "multipart/mixed; boundary=x", "application/jsonx", "*/*"}) {
            cases.add(new Case("content type " + type, type, json(png, "tea cup", 1, 1)));
        }
        cases.add(new Case("multipart without boundary", "multipart/form-data", form(boundary, png, Map.of("title", "cup"))));
        cases.add(new Case("multipart with empty boundary", "multipart/form-data; boundary=", form(boundary, png, Map.of("title", "cup"))));
        cases.add(new Case("boundary over 70 chars", "multipart/form-data; boundary=" + "b".repeat(71), form("b".repeat(71), png, Map.of("title", "cup"))));
        cases.add(new Case("wrong boundary", "multipart/form-data; boundary=other", form(boundary, png, Map.of("title", "cup"))));

        // Truncated PNGs, as JSON and as a multipart file: cut anywhere before the last pixel data.
        for (int i = 0; i < 40; i++) {
            byte[] cut = java.util.Arrays.copyOf(png, random.nextInt(png.length - 30));
            cases.add(new Case("truncated PNG (" + cut.length + " bytes) in JSON", "application/json", json(cut, "tea cup", 2, i)));
            cases.add(new Case("truncated PNG (" + cut.length + " bytes) in multipart", multipart, form(boundary, cut, Map.of("title", "tea cup"))));
        }
        // A valid header declaring a huge image: refused from the header, before decoding.
        for (int[] size : new int[][] {{100_000, 100_000}, {257, 256}, {1, 70_000}, {65_536, 2}}) {
            byte[] declared = withSize(png, size[0], size[1]);
            cases.add(new Case("PNG declaring " + size[0] + "x" + size[1], "application/json", json(declared, "tea cup", 1, 1)));
        }
        // Multipart structure errors.
        String ok = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\ncup\r\n";
        String[] broken = {
            "", "--" + boundary, ok, ok + "--" + boundary, "--" + boundary + "\r\n\r\n\r\n--" + boundary + "--",
            "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + boundary + "--",
            "--" + boundary + "\r\nContent-Disposition: attachment; name=\"title\"\r\n\r\nx\r\n--" + boundary + "--",
            "--" + boundary + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + boundary + "--",
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\r\n\r\nx\r\n--" + boundary + "--",
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--" + boundary + "--",
            "--" + boundary + "Content-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--" + boundary + "--",
            ok + ok + "--" + boundary + "--", // title twice
            ok + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"colour\"\r\n\r\nred\r\n--" + boundary + "--",
            ok + "--" + boundary + "--", // no image
            ok.repeat(20) + "--" + boundary + "--",
        };
        for (String body : broken) {
            cases.add(new Case("broken multipart: " + body.replace("\r\n", "\\r\\n"), multipart, body.getBytes(StandardCharsets.UTF_8)));
        }
        // Bad JSON documents.
        String img = Base64.getEncoder().encodeToString(png);
        String[] badJson = {
            "", " ", "{", "}", "[]", "null", "42", "\"text\"", "{\"title\":\"cup\"", "{\"title\":\"cup\"}}",
            "{\"title\":\"cup\",\"title\":\"mug\",\"image\":\"" + img + "\"}", "{'title':'cup'}", "{title:\"cup\"}",
            "[".repeat(100) + "]".repeat(100), "{\"image\":\"" + img + "\",\"title\":\"cup\"} trailing",
            "{\"image\":\"" + img + "\"}", "{\"title\":\"cup\"}", "{\"image\":\"" + img + "\",\"title\":\"\"}",
            "{\"image\":\"" + img + "\",\"title\":\"   \"}", "{\"image\":\"" + img + "\",\"title\":\"" + "a".repeat(1001) + "\"}",
            "{\"image\":\"" + img + "\",\"title\":42}", "{\"image\":\"" + img + "\",\"title\":[\"cup\"]}",
            "{\"image\":\"" + img + "\",\"title\":{\"text\":\"cup\"}}", "{\"image\":42,\"title\":\"cup\"}",
            "{\"image\":\"not base64!!\",\"title\":\"cup\"}", "{\"image\":\"" + img.substring(1) + "\",\"title\":\"cup\"}",
            "{\"image\":\"data:image/png," + img + "\",\"title\":\"cup\"}", "{\"image\":\"\",\"title\":\"cup\"}",
            "{\"image\":\"" + Base64.getEncoder().encodeToString("hello world".getBytes()) + "\",\"title\":\"cup\"}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"colour\":\"red\"}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seeed\":1}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":0}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":-3}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":9}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":1e9}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":2.5}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":\"4\"}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":true}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"candidates\":99999999999999999999}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seed\":1.5}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seed\":\"x\"}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seed\":9223372036854775808}", "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seed\":[1]}",
            "{\"image\":\"" + img + "\",\"title\":\"cup\",\"seed\":" + "9".repeat(200) + "}",
        };
        for (String body : badJson) {
            cases.add(new Case("bad JSON: " + abbreviate(body), "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        // Bad multipart field values.
        for (Map<String, String> fields : List.<Map<String, String>>of(Map.of("title", ""), Map.of("title", "cup", "candidates", "0"),
                Map.of("title", "cup", "candidates", "nine"), Map.of("title", "cup", "candidates", "100"),
                Map.of("title", "cup", "seed", "1.0"), Map.of("title", "cup", "seed", "0x10"), Map.of("candidates", "2"))) {
            cases.add(new Case("bad form fields " + fields, multipart, form(boundary, png, fields)));
        }
        // Decodable images that are not product photos, or not PNG/JPEG, or too big.
        BufferedImage clear = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 40, 40);
        cases.add(new Case("fully transparent PNG", "application/json", json(encode(clear, "png"), "cup", 1, 1)));
        cases.add(new Case("pure white PNG", "application/json", json(encode(white, "png"), "cup", 1, 1)));
        cases.add(new Case("pure white JPEG", multipart, form(boundary, encode(whiteJpegSafe(), "jpeg"), Map.of("title", "cup"))));
        BufferedImage product = ServeFixtures.product(60, 60);
        BufferedImage rgb = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(product, 0, 0, null);
        cases.add(new Case("GIF", "application/json", json(encode(rgb, "gif"), "cup", 1, 1)));
        cases.add(new Case("BMP", "application/json", json(encode(rgb, "bmp"), "cup", 1, 1)));
        cases.add(new Case("image over the byte limit", "application/json", json(noisePng(random, 200), "cup", 1, 1)));
        cases.add(new Case("body over the size limit", "application/json", json(bytes(random, (int) MAX_IMAGE_BYTES * 3), "cup", 1, 1)));
        // Random mutations of a valid JSON request: flipped bytes anywhere in the text.
        byte[] valid = json(png, "tea cup", 2, 3);
        int mutations = 0;
        while (cases.size() < 320) {
            byte[] mutated = valid.clone();
            int at = random.nextInt(Math.min(mutated.length, 60));
            mutated[at] = (byte) "{}[]\":,x0-".charAt(random.nextInt(10));
            if (!new String(mutated, StandardCharsets.UTF_8).equals(new String(valid, StandardCharsets.UTF_8))
                    && isMalformedJson(mutated)) {
                cases.add(new Case("mutated JSON " + mutations++, "application/json", mutated));
            }
        }
        return cases;
    }

    static boolean isMalformedJson(byte[] body) {
        try {
            JsonNode node = ServeClient.JSON.readTree(body);
            return node == null || !node.isObject();
        } catch (Exception e) {
            return true;
        }
    }

    static BufferedImage whiteJpegSafe() {
        BufferedImage white = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[40 * 40];
        java.util.Arrays.fill(px, 0xFFFFFF);
        white.setRGB(0, 0, 40, 40, px, 0, 40);
        return white;
    }

    static byte[] json(byte[] image, String title, int candidates, long seed) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", Base64.getEncoder().encodeToString(image));
        body.put("title", title);
        body.put("candidates", candidates);
        body.put("seed", seed);
        return ServeClient.JSON.writeValueAsBytes(body);
    }

    static byte[] form(String boundary, byte[] image, Map<String, String> fields) {
        return ServeClient.multipart(boundary, image, fields);
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** A noisy opaque PNG of side n: incompressible, so its file is about 3 n^2 bytes. */
    static byte[] noisePng(Random random, int n) throws Exception {
        BufferedImage noise = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                noise.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        byte[] png = encode(noise, "png");
        assertTrue(png.length > MAX_IMAGE_BYTES && png.length < MAX_IMAGE_BYTES * 2, "noise PNG is " + png.length);
        return png;
    }

    /** The PNG with its IHDR width and height replaced (and the chunk's CRC fixed). */
    static byte[] withSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        java.nio.ByteBuffer.wrap(out, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        java.nio.ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
