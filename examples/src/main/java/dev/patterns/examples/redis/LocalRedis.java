package dev.patterns.examples.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts a throw-away {@code redis-server} on a free loopback port for the Redis examples, with no
 * persistence, and stops it on {@link #close()}. The binary is the {@value #BINARY_PROPERTY}
 * system property if set, else {@code redis-server} on the {@code PATH}; without either it fails
 * with a message saying how to get one.
 */
public final class LocalRedis implements AutoCloseable {

    /** The system property naming the binary to run. */
    public static final String BINARY_PROPERTY = "patterns.redis.binary";

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server and waits (up to 10 seconds) until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException if no binary is found, or the server does not come up
     */
    public static LocalRedis start() {
        String binary = binary();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free loopback port: " + e.getMessage(), e);
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        LocalRedis redis = new LocalRedis(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!redis.answersPing()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                redis.close();
                throw new IllegalStateException(binary + " did not answer PING on port " + port + " within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return redis;
    }

    private static String binary() {
        String chosen = System.getProperty(BINARY_PROPERTY, "");
        if (!chosen.isEmpty()) {
            if (!Files.isExecutable(Path.of(chosen))) {
                throw new IllegalStateException(BINARY_PROPERTY + ": " + chosen + " (expected: an executable redis-server)");
            }
            return chosen;
        }
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server: not found on the PATH (" + path + "); the Redis examples need "
                + "Redis 6.2 or later: install it (Debian/Ubuntu: apt-get install redis-server) or pass -D"
                + BINARY_PROPERTY + "=/path/to/redis-server");
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Returns the URI the library's builders take.
     *
     * @return {@code redis://127.0.0.1:port}
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server and waits for it to exit. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
