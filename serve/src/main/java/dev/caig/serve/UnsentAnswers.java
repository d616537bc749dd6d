package dev.caig.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds the shutdown until every answer has left the process. Quarkus counts a request done when its response is
 * ended, that is when the last bytes are handed to Vert.x, not when they are sent: a 17 MB answer (64 candidates at
 * 512 px) is then mostly still queued in the connection, and once Quarkus sees no request left it stops Vert.x and the
 * JVM exits, cutting the answer mid-body. Here each exchange counts until its last byte is written to the socket, and
 * the shutdown waits for that, at most until {@link ShutdownGate#drainDeadlineNanos}. (What the kernel holds then is
 * still delivered after the process exits.)
 */
@Singleton
public class UnsentAnswers {
    private static final Logger LOG = Logger.getLogger(UnsentAnswers.class);

    private final ShutdownGate shutdown;
    private final Object lock = new Object();
    private int unsent;

    UnsentAnswers(ShutdownGate shutdown) {
        this.shutdown = shutdown;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::track);
    }

    private void track(RoutingContext rc) {
        changeUnsent(1);
        AtomicBoolean counted = new AtomicBoolean();
        Runnable sent = () -> {
            if (counted.compareAndSet(false, true)) {
                changeUnsent(-1);
            }
        };
        HttpVersion version = rc.request().version();
        HttpConnection connection = rc.request().connection();
        // Ended: the last bytes are queued, or the connection is gone and nothing more can be sent.
        rc.addEndHandler(ended -> {
            if (ended.succeeded() && version != HttpVersion.HTTP_2 && connection instanceof ConnectionBase http1) {
                whenWritten(http1, sent);
            } else {
                sent.run(); // HTTP/2 is off (application.properties); should it be turned on, Quarkus' own count holds
            }
        });
        rc.next();
    }

    /**
     * Writes on a connection complete in order, so an empty write completes once everything queued before it is on
     * the socket, or fails once the connection is closed (Vert.x closes a connection the same way).
     */
    private static void whenWritten(ConnectionBase connection, Runnable sent) {
        ChannelPromise written = connection.channel().newPromise();
        written.addListener(f -> sent.run());
        connection.writeToChannel(Unpooled.EMPTY_BUFFER, true, written);
    }

    private void changeUnsent(int delta) {
        synchronized (lock) {
            unsent += delta;
            if (unsent == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Quarkus has seen every accepted request end; runs before the models close and Vert.x closes the connections. */
    void awaitSent(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) throws InterruptedException {
        long deadline = shutdown.drainDeadlineNanos();
        synchronized (lock) {
            if (unsent > 0) {
                LOG.infof("waiting for %d answer(s) to be sent", unsent);
            }
            long left;
            while (unsent > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (unsent > 0) {
                LOG.warnf("%d answer(s) not sent by the end of the shutdown timeout; their connections close", unsent);
            }
        }
    }
}
