package dev.caig.runtime.serve;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a key file, /v1/* needs a valid key; health, metrics and the static page stay open. */
class ApiKeysTest {
    @TempDir
    static Path dir;
    static Path keyFile;
    static GeneratorServer server;
    static ServeClient client;

    @BeforeAll
    static void start() throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        keyFile = dir.resolve("keys");
        Files.writeString(keyFile, "# business unit keys\n\nkey-for-unit-a\n  key-for-unit-b  \n");
        ServeOptions options = ServeFixtures.options(models).withApiKeysFile(keyFile);
        server = ServeFixtures.startReady(options, ServeFixtures.loader(models, options));
        client = new ServeClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void generateNeedsAValidKey() throws Exception {
        byte[] png = ServeFixtures.productPng();
        HttpResponse<String> none = client.generateJson(png, "tea cup", 1, 1L);
        assertEquals(401, none.statusCode());
        assertEquals("urn:caig:problem:unauthorized", ServeClient.json(none).path("type").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

        assertEquals(401, client.generateJson(png, "tea cup", 1, 1L, "Authorization", "Bearer key-for-unit-c").statusCode());
        assertEquals(401, client.generateJson(png, "tea cup", 1, 1L, "X-API-Key", "key-for-unit").statusCode(), "a prefix is no key");
        assertEquals(401, client.generateJson(png, "tea cup", 1, 1L, "Authorization", "Basic key-for-unit-a").statusCode());
        assertEquals(401, client.generateJson(png, "tea cup", 1, 1L, "X-API-Key", "# business unit keys").statusCode(),
                "comments are not keys");

        assertEquals(200, client.generateJson(png, "tea cup", 1, 1L, "Authorization", "Bearer key-for-unit-a").statusCode());
        assertEquals(200, client.generateJson(png, "tea cup", 1, 1L, "X-API-Key", "key-for-unit-b").statusCode());
    }

    @Test
    void modelInfoNeedsAKeyButHealthMetricsAndThePageDoNot() throws Exception {
        assertEquals(401, client.get("/v1/model").statusCode());
        assertEquals(200, client.get("/v1/model", "Authorization", "Bearer key-for-unit-b").statusCode());
        assertEquals(200, client.get("/health/live").statusCode());
        assertEquals(200, client.get("/health/ready").statusCode());
        assertEquals(200, client.get("/metrics").statusCode());
        assertEquals(200, client.get("/").statusCode());
        assertTrue(client.get("/metrics").body().contains("caig_rejections_total{reason=\"unauthorized\"}"));
    }

    @Test
    void aRotatedKeyFileIsReadAgain() throws Exception {
        Path file = dir.resolve("rotating");
        Files.writeString(file, "old-key\n");
        ApiKeys keys = ApiKeys.load(file);
        assertTrue(keys.accepts(headers("X-API-Key", "old-key")));
        Files.writeString(file, "new-key\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(keys.accepts(headers("X-API-Key", "new-key")));
        assertTrue(!keys.accepts(headers("X-API-Key", "old-key")));
    }

    @Test
    void aKeyFileWithoutKeysIsAStartupError() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing here\n\n");
        CaigException e = assertThrows(CaigException.class, () -> ApiKeys.load(empty));
        assertTrue(e.getMessage().contains("holds no key"), e.getMessage());
        assertThrows(CaigException.class, () -> ApiKeys.load(dir.resolve("missing")));
    }

    private static com.sun.net.httpserver.Headers headers(String name, String value) {
        com.sun.net.httpserver.Headers h = new com.sun.net.httpserver.Headers();
        h.add(name, value);
        return h;
    }
}
