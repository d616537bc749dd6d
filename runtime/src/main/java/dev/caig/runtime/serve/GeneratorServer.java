package dev.caig.runtime.serve;

import com.sun.net.httpserver.HttpServer;
import dev.caig.runtime.CaigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The generator service: the JDK's HTTP server on one port, the generation pool, and the models, which load in
 * the background after the port opens (liveness is up at once, readiness once the models are in).
 */
public final class GeneratorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorServer.class);
    /** HTTP threads only route, check and write replies; generations never block them. */
    private static final int HTTP_THREADS = 4;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final GenerationPool pool;
    private final ModelHolder models;
    private final ServeMetrics metrics;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private GeneratorServer(HttpServer http, ExecutorService httpThreads, GenerationPool pool, ModelHolder models,
                            ServeMetrics metrics) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.pool = pool;
        this.models = models;
        this.metrics = metrics;
    }

    /** Opens the port and starts loading the models with {@code loader}; returns once the port accepts requests. */
    public static GeneratorServer start(ServeOptions options, ModelLoader loader) {
        System.setProperty("java.awt.headless", "true");
        limitSlowClients(options.timeoutSeconds());
        ApiKeys keys = options.apiKeysFile() == null ? null : ApiKeys.load(options.apiKeysFile());
        ServeMetrics metrics = new ServeMetrics();
        GenerationPool pool = new GenerationPool(options.threads(), options.queue(),
                TimeUnit.SECONDS.toNanos(options.timeoutSeconds()));
        metrics.bindPool(pool.executor());
        ModelHolder models = new ModelHolder();
        StatusEndpoints status = new StatusEndpoints(models, options, metrics);
        WebPage page = new WebPage();
        GenerateEndpoint generate = new GenerateEndpoint(models, pool, options, metrics, pool.helpers());
        List<String> get = List.of("GET");
        ApiRouter router = new ApiRouter(keys, metrics)
                .route("/v1/generate", new ApiRouter.Route("generate", List.of("POST"), true, generate))
                .route("/v1/model", new ApiRouter.Route("model", get, true, Endpoint.sync(x -> status.model())))
                .route("/health/live", new ApiRouter.Route("live", get, false, Endpoint.sync(x -> status.live())))
                .route("/health/ready", new ApiRouter.Route("ready", get, false, Endpoint.sync(x -> status.ready())))
                .route("/metrics", new ApiRouter.Route("metrics", get, false, Endpoint.sync(x -> status.metrics())))
                .route("/", new ApiRouter.Route("page", get, false, Endpoint.sync(x -> page.page())))
                .route("/index.html", new ApiRouter.Route("page", get, false, Endpoint.sync(x -> page.page())));

        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 128);
        } catch (IOException e) {
            pool.close();
            metrics.close();
            throw new CaigException("cannot listen on " + options.bindAddress() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        ExecutorService httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, GenerationPool.daemons("caig-http"));
        http.createContext("/", router);
        http.setExecutor(httpThreads);
        http.start();
        GeneratorServer server = new GeneratorServer(http, httpThreads, pool, models, metrics);
        LOG.info("listening on {}:{} ({} generation threads, queue {}, timeout {} s, API keys {})",
                options.bindAddress(), server.port(), options.threads(), options.queue(), options.timeoutSeconds(),
                keys == null ? "off" : keys.size());
        models.start(loader);
        return server;
    }

    /**
     * The JDK server reads request heads and bodies with blocking reads, and after an early answer (a 4xx before the
     * body was read) it drains the rest of the body on the answering thread. A client that declares a body and never
     * sends it would hold that thread forever; these limits make the server close such a connection. They are read
     * once per JVM, when the first HttpServer starts; values set on the command line win.
     */
    static void limitSlowClients(int timeoutSeconds) {
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(timeoutSeconds + 10));
        setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Completes when the models are loaded, or exceptionally with the load error. */
    public CompletableFuture<LoadedModels> modelsLoaded() {
        return models.loaded();
    }

    /** Stops accepting requests, finishes running generations, then frees the models. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        pool.close();
        httpThreads.shutdownNow();
        models.close();
        metrics.close();
    }
}
