package dev.patterns.redis.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} process on a free loopback port, for the library's tests (through
 * the test-jar's {@code RedisServerExtension}), its benchmarks and the Redis examples: never a
 * mock. Not an API: the examples and benchmarks reach it from the class path. The binary is the system's {@code redis-server} when one is on the {@code PATH} (Debian's
 * 7.0.15 in CI), otherwise the one shipped in {@code com.github.codemonstur:embedded-redis} (Redis
 * 6.2, Linux and macOS), extracted once per JVM; the system property
 * {@code patterns.redis.binary=embedded} forces the shipped one, any other value names a binary.
 *
 * <p>The server runs with no persistence ({@code --save '' --appendonly no}), bound to 127.0.0.1,
 * unless started by {@link #startPersistent()}.
 * {@link #kill()} ends it with SIGKILL (a crash) and {@link #restart()} starts a fresh, empty
 * server on the same port, so clients can be tested across an outage. {@link #command(String...)}
 * speaks RESP over a socket of its own, so tests can read {@code INFO commandstats} without the
 * client under test. Not thread-safe: one test thread drives it.
 */
public final class RedisServer implements AutoCloseable {

    /** System property choosing the binary: unset (system, else embedded), "embedded", or a path. */
    public static final String BINARY_PROPERTY = "patterns.redis.binary";

    private static final String HOW_TO_GET_ONE = "install Redis 6.2 or later (Debian/Ubuntu: apt-get install redis-server), "
            + "or pass -D" + BINARY_PROPERTY + "=/path/to/redis-server";
    private static final System.Logger LOG = System.getLogger(RedisServer.class.getName());
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** Guarded by RedisServer.class. */
    private static Path extracted;

    private final String binary;
    private final String version;
    private final int port;
    private final Path logFile;
    private final List<String> persistence;
    private Process process;

    private RedisServer(String binary, String version, int port, Path logFile, List<String> persistence) {
        this.binary = binary;
        this.version = version;
        this.port = port;
        this.logFile = logFile;
        this.persistence = persistence;
    }

    /**
     * Starts a server on a free loopback port and waits until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException if no binary can be found or the server does not come up
     */
    public static RedisServer start() {
        return start(chooseBinary());
    }

    /**
     * Starts {@code binary} on a free loopback port and waits until it answers {@code PING}.
     *
     * @param binary the redis-server binary, e.g. {@link #embeddedBinary()}
     * @return the running server
     * @throws IllegalStateException if the server does not come up
     */
    public static RedisServer start(String binary) {
        return start(binary, false);
    }

    /**
     * Starts the chosen binary with an append-only file fsynced on every write, in a fresh
     * directory, so that what Redis acknowledged survives {@link #kill()} and {@link #restart()}.
     *
     * @return the running server
     * @throws IllegalStateException if the server does not come up
     */
    public static RedisServer startPersistent() {
        return start(chooseBinary(), true);
    }

    private static RedisServer start(String binary, boolean persistent) {
        Objects.requireNonNull(binary, "binary");
        String version = versionOf(binary);
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("redis-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> persistence = List.of("--appendonly", "no");
        if (persistent) {
            try {
                persistence = List.of("--appendonly", "yes", "--appendfsync", "always",
                        "--dir", Files.createTempDirectory("redis-" + port + "-aof-").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RedisServer server = new RedisServer(binary, version, port, log, persistence);
        server.launch();
        LOG.log(System.Logger.Level.INFO, "started {0} ({1}) on 127.0.0.1:{2,number,#}", binary, version, port);
        return server;
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the URI a Lettuce client connects to.
     *
     * @return the URI
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Returns the path of the binary that was started.
     *
     * @return the binary's path
     */
    public String binary() {
        return binary;
    }

    /**
     * Returns what {@code redis-server --version} printed.
     *
     * @return the version line, e.g. {@code "Redis server v=7.0.15 ..."}
     */
    public String version() {
        return version;
    }

    /**
     * Returns the server's major version.
     *
     * @return the major version, e.g. 7
     */
    public int majorVersion() {
        int at = version.indexOf("v=");
        return Integer.parseInt(version.substring(at + 2, version.indexOf('.', at)));
    }

    /**
     * Answers whether the server process is alive.
     *
     * @return whether the process is alive
     */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Crashes the server: SIGKILL, then waits until the process is reaped. */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        waitFor(p);
        process = null;
    }

    /**
     * Starts a fresh, empty server on the same port (after {@link #kill()}).
     *
     * @throws IllegalStateException if the server is still running or does not come up
     */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        launch();
        LOG.log(System.Logger.Level.INFO, "restarted {0} on 127.0.0.1:{1,number,#}", binary, port);
    }

    /** Stops the server (SIGTERM, then SIGKILL) and reaps the process. */
    @Override
    public void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        waitFor(p);
        process = null;
    }

    /**
     * Sends one command on a fresh connection and returns the reply as text (a simple string, a
     * bulk string, an integer; an error reply as {@code "-ERR ..."}; arrays are not supported).
     *
     * @param args the command and its arguments
     * @return the reply
     */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder().append('*').append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = readLine(in);
            switch (line.charAt(0)) {
                case '+', ':' -> {
                    return line.substring(1);
                }
                case '-' -> {
                    return line;
                }
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    if (length < 0) {
                        return null;
                    }
                    byte[] body = in.readNBytes(length + 2);
                    return new String(body, 0, length, StandardCharsets.UTF_8);
                }
                default -> throw new IllegalStateException("unsupported reply: " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the number of calls per command from {@code INFO commandstats}, e.g.
     * {@code {"evalsha": 1000, "ping": 1}} (lower-case names; sub-commands as {@code "client|setinfo"});
     * the harness's own {@code INFO} and {@code CONFIG RESETSTAT} are left out.
     *
     * @return calls by command
     */
    public Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : command("INFO", "commandstats").split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                if (name.equals("info") || name.startsWith("config")) {
                    continue;
                }
                int at = line.indexOf("calls=") + "calls=".length();
                int end = line.indexOf(',', at);
                calls.put(name, Long.parseLong(line.substring(at, end < 0 ? line.length() : end)));
            }
        }
        return calls;
    }

    /** Resets {@code INFO commandstats}. */
    public void resetStats() {
        command("CONFIG", "RESETSTAT");
    }

    @Override
    public String toString() {
        return "RedisServer[" + binary + ", " + version + ", port " + port + (isRunning() ? ", running" : ", stopped") + "]";
    }

    private void launch() {
        List<String> cmd = new java.util.ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--protected-mode", "no"));
        cmd.addAll(persistence);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        process = p;
        long start = System.nanoTime();
        for (;;) {
            if (!p.isAlive()) {
                process = null;
                throw new IllegalStateException(binary + " exited with " + p.exitValue() + " on port " + port
                        + "; its log: " + tail(logFile));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - start > START_TIMEOUT_NANOS) {
                p.destroyForcibly();
                waitFor(p);
                process = null;
                throw new IllegalStateException(binary + " did not answer PING on port " + port + " within 20 s; its log: "
                        + tail(logFile));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void waitFor(Process p) {
        boolean interrupted = false;
        for (;;) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2_000 ? text.substring(text.length() - 2_000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the binary {@link #start()} uses: the {@value #BINARY_PROPERTY} property, else the
     * system's, else the embedded one.
     *
     * @return its path
     */
    public static String chooseBinary() {
        String chosen = System.getProperty(BINARY_PROPERTY, "");
        if (chosen.equals("embedded")) {
            return embeddedBinary().toString();
        }
        if (!chosen.isEmpty()) {
            return chosen;
        }
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return embeddedBinary().toString();
    }

    /**
     * Extracts the embedded-redis binary for this OS and architecture, once per JVM.
     *
     * @return its path
     * @throws IllegalStateException if there is none for this platform or it is not on the class path
     */
    public static synchronized Path embeddedBinary() {
        if (extracted != null) {
            return extracted;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        String resource;
        if (os.contains("linux")) {
            resource = arm ? "redis-server-6.2.7-linux-arm64"
                    : arch.equals("x86") || arch.equals("i386") ? "redis-server-6.2.7-linux-386"
                    : "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("mac")) {
            resource = arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            throw new IllegalStateException("no redis-server on the PATH and no embedded binary for " + os + "/" + arch
                    + ": " + HOW_TO_GET_ONE);
        }
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH, and " + resource
                        + " is not on the class path (com.github.codemonstur:embedded-redis, a test dependency): "
                        + HOW_TO_GET_ONE);
            }
            Path dir = Files.createTempDirectory("patterns-redis-");
            Path binary = dir.resolve(resource);
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + binary + " executable");
            }
            binary.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = binary;
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String versionOf(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            waitFor(p);
            if (p.exitValue() != 0 || !out.contains("v=")) {
                throw new IllegalStateException(binary + " --version failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
    }
}
