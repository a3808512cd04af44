package dev.patterns.testing.redis;

import dev.patterns.redis.internal.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link RedisServer} for the test class and stops it after the class; test methods,
 * constructors and lifecycle methods get it as a parameter. Before each test the server is running
 * again (a test may have killed it) and empty ({@code FLUSHALL}, {@code SCRIPT FLUSH},
 * {@code CONFIG RESETSTAT}), so tests do not see each other's keys, scripts or command counts.
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class MyTest {
 *     @Test void works(RedisServer redis) { ... redis.uri() ... }
 * }
 * }</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(RedisServer.class, RedisServer.start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RedisServer server = context.getStore(NAMESPACE).remove(RedisServer.class, RedisServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServer server = server(context);
        if (!server.isRunning()) {
            server.restart();
        }
        server.command("FLUSHALL");
        server.command("SCRIPT", "FLUSH");
        server.resetStats();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static RedisServer server(ExtensionContext context) {
        // stores are hierarchical: a method's store sees what the class put
        RedisServer server = context.getStore(NAMESPACE).get(RedisServer.class, RedisServer.class);
        if (server == null) {
            throw new IllegalStateException("no redis-server started for " + context.getDisplayName());
        }
        return server;
    }
}
