package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An S3 server inside this process (S3Proxy over a local folder, {@code filesystem-nio2}), bound to 127.0.0.1 on a
 * free port, so that local runs use the very same MinIO SDK code path as a real S3 endpoint. Each server has its
 * own random credentials unless given some.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    // Kept strongly so java.util.logging does not forget the levels.
    private static final Logger[] QUIET_JUL = {Logger.getLogger("org.gaul"), Logger.getLogger("org.eclipse.jetty"),
            Logger.getLogger("org.jclouds")};

    static {
        quietLogging();
    }

    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private CutOffUploads inUse;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a server over {@code dir} (created if needed) with fresh random credentials. */
    public static EmbeddedS3Server start(Path dir) {
        return start(dir, randomKey(10), randomKey(20));
    }

    /** Starts a server over {@code dir} that accepts only the given credentials (AWS v2 or v4 signatures). */
    public static EmbeddedS3Server start(Path dir, String accessKey, String secretKey) {
        Path base = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new CaigException(base + ": cannot create the local artifact store folder (" + e.getMessage() + ")", e);
        }
        CutOffUploads inUse = CutOffUploads.removeAndHold(base);
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", base.toString());
        // The folder back end ignores these, but jclouds insists on an identity.
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2").credentials("local", "local")
                .overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline || "FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("state " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            stopQuietly(proxy, context);
            inUse.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CaigException("cannot start the embedded S3 server over " + base + " (" + e.getMessage() + ")", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        EmbeddedS3Server server = new EmbeddedS3Server(proxy, context, endpoint, accessKey, secretKey);
        server.inUse = inUse;
        return server;
    }

    /**
     * The process-wide server over {@code dir}, started on first use and stopped when the last lease closes: one
     * server per folder and process, however many stores are opened.
     */
    public static Lease acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (SHARED) {
            Shared shared = SHARED.get(key);
            if (shared == null) {
                shared = new Shared(start(key));
                SHARED.put(key, shared);
            }
            shared.leases++;
            return new Lease(key, shared.server);
        }
    }

    /** One user of a shared server; closing the last lease stops it. */
    public static final class Lease implements AutoCloseable {
        private final Path key;
        private final EmbeddedS3Server server;
        private boolean closed;

        private Lease(Path key, EmbeddedS3Server server) {
            this.key = key;
            this.server = server;
        }

        public EmbeddedS3Server server() {
            return server;
        }

        @Override
        public void close() {
            synchronized (SHARED) {
                if (closed) {
                    return;
                }
                closed = true;
                Shared shared = SHARED.get(key);
                if (shared != null && shared.server == server && --shared.leases == 0) {
                    SHARED.remove(key);
                    server.close();
                }
            }
        }
    }

    private static final class Shared {
        final EmbeddedS3Server server;
        int leases;

        Shared(EmbeddedS3Server server) {
            this.server = server;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        stopQuietly(proxy, context);
        if (inUse != null) {
            inUse.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3Server[" + endpoint + "]";
    }

    private static void stopQuietly(S3Proxy proxy, BlobStoreContext context) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping a server that never fully started; nothing to report
        }
        context.close();
    }

    private static String randomKey(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** S3Proxy and Jetty log every request at INFO: keep them at WARN under slf4j-simple and java.util.logging. */
    private static void quietLogging() {
        for (String name : new String[] {"org.gaul", "org.eclipse.jetty", "org.jclouds", "org.gaul.shaded.org.eclipse.jetty"}) {
            String property = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "warn");
            }
        }
        for (Logger logger : QUIET_JUL) {
            logger.setLevel(Level.WARNING);
        }
    }
}
