package dev.patterns.examples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an example by its full or short class name, so that both
 * {@code -Ddemo=dev.patterns.examples.async.CacheStampedeDemo} and {@code -Ddemo=CacheStampedeDemo}
 * work from the README's demo command.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=CacheStampedeDemo}
 */
public final class DemoLauncher {

    /** The example packages a short name is looked up in, in this order. */
    static final List<String> PACKAGES = List.of(
            "dev.patterns.examples",
            "dev.patterns.examples.quickstart",
            "dev.patterns.examples.pipeline",
            "dev.patterns.examples.channel",
            "dev.patterns.examples.async",
            "dev.patterns.examples.resilience",
            "dev.patterns.examples.actor",
            "dev.patterns.examples.jdk",
            "dev.patterns.examples.observe",
            "dev.patterns.examples.redis");

    private DemoLauncher() {
    }

    /**
     * Finds the example class named {@code name}: a fully qualified name as given, a short name in
     * each of {@link #PACKAGES}.
     *
     * @param name a class name, full or short
     * @return the class
     * @throws IllegalArgumentException if no example has that name, naming the places looked in
     */
    static Class<?> resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("demo: '" + name + "' (expected: a class name such as "
                    + "EventPlatformDemo or dev.patterns.examples.pipeline.EventPlatformDemo)");
        }
        List<String> tried = new ArrayList<>();
        List<String> candidates = name.contains(".")
                ? List.of(name)
                : PACKAGES.stream().map(p -> p + "." + name).toList();
        ClassLoader loader = DemoLauncher.class.getClassLoader();
        for (String candidate : candidates) {
            tried.add(candidate);
            try {
                return Class.forName(candidate, false, loader);
            } catch (ClassNotFoundException next) {
                // try the next package
            }
        }
        throw new IllegalArgumentException("demo: '" + name + "' (expected: an example class; looked for "
                + String.join(", ", tried) + ")");
    }

    /**
     * Runs the example named by the first argument with the remaining arguments.
     *
     * @param args the example's name, then its arguments
     * @throws Throwable what the example's {@code main} threw
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("args: [] (expected: the example's class name first)");
        }
        Class<?> demo = resolve(args[0]);
        Method main = demo.getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException("demo: " + demo.getName() + " (expected: a static main method)");
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
