package dev.caig.runtime.serve;

import com.sun.net.httpserver.HttpExchange;

import java.util.concurrent.CompletableFuture;

/**
 * One endpoint's logic. It returns the reply, possibly later (generation finishes on another thread); it signals
 * client errors by throwing or completing with a {@link ProblemException}. It never writes to the exchange.
 */
@FunctionalInterface
interface Endpoint {
    CompletableFuture<Reply> handle(HttpExchange exchange);

    /** An endpoint that answers at once. */
    static Endpoint sync(java.util.function.Function<HttpExchange, Reply> handler) {
        return exchange -> CompletableFuture.completedFuture(handler.apply(exchange));
    }
}
