package dev.caig.runtime.serve;

import dev.caig.runtime.CaigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API keys of the business units, one per line in a file mounted from a Secret (blank lines and {@code #}
 * comments ignored). A request carries its key as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 * Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual} against every key, so the time taken
 * says nothing about which key or how much of it matched. The file is re-read when it changes (a rotated Secret).
 */
public final class ApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    private final Path file;
    private volatile FileTime loadedModified;
    private volatile List<byte[]> digests;

    private ApiKeys(Path file) {
        this.file = file;
    }

    /** Reads the key file; fails at start when it is missing, unreadable or holds no key. */
    public static ApiKeys load(Path file) {
        ApiKeys keys = new ApiKeys(file);
        keys.digests = read(file);
        keys.loadedModified = modified(file);
        return keys;
    }

    public int size() {
        return digests.size();
    }

    /** True when the request's headers carry one of the keys. */
    /** True when {@code key}, as presented by a request, is one of the keys. */
    public boolean accepts(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        byte[] candidate = sha256(key);
        boolean match = false;
        for (byte[] digest : current()) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    /** The key a request presents in its Authorization (Bearer) or X-API-Key header, or null. */
    public static String presented(String auth, String header) {
        if (auth != null && auth.length() > 7 && auth.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return auth.substring(7).strip();
        }
        return header == null ? null : header.strip();
    }

    private List<byte[]> current() {
        FileTime now = modified(file);
        if (now != null && !now.equals(loadedModified)) {
            synchronized (this) {
                if (!now.equals(loadedModified)) {
                    try {
                        digests = read(file);
                        LOG.info("re-read {} API keys from {}", digests.size(), file);
                    } catch (CaigException e) {
                        LOG.warn("keeping the previous API keys: {}", e.getMessage());
                    }
                    loadedModified = now;
                }
            }
        }
        return digests;
    }

    private static List<byte[]> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CaigException("--api-keys-file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<byte[]> out = new ArrayList<>();
        for (String line : lines) {
            String key = line.strip();
            if (!key.isEmpty() && !key.startsWith("#")) {
                out.add(sha256(key));
            }
        }
        if (out.isEmpty()) {
            throw new CaigException("--api-keys-file " + file + ": holds no key (one key per line; # starts a comment)");
        }
        return List.copyOf(out);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
