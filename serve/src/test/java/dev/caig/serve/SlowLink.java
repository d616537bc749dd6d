package dev.caig.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP relay in front of the service that passes what the service sends at a fixed rate: a client on a slow
 * link, whose answer is still queued in the server (in its socket's send buffer, at most 4 MB here, then in Netty's)
 * well after the server has finished producing it. It relays bytes, so it works the same for HTTP/1.1 and HTTP/2 (h2c); the client's
 * requests pass at loopback speed.
 */
final class SlowLink implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final long nanosPerChunk;

    SlowLink(int targetPort, long bytesPerSecond) throws IOException {
        this.targetPort = targetPort;
        this.nanosPerChunk = TimeUnit.SECONDS.toNanos(1) * CHUNK / bytesPerSecond;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "slow-link");
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                // A fixed, small receive window (set before connecting): otherwise Linux may grow it to tens of MB on
                // loopback, and a whole answer would sit in this relay's kernel buffer instead of in the server.
                server.setReceiveBufferSize(RECEIVE_BUFFER);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                daemon(() -> relay(client, server, 0), "slow-link-up");
                daemon(() -> relay(server, client, nanosPerChunk), "slow-link-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void relay(Socket from, Socket to, long nanosPerChunk) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long next = System.nanoTime() + nanosPerChunk * n / CHUNK; // no credit from idle time
                out.write(buffer, 0, n);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: the other side sees the close below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
