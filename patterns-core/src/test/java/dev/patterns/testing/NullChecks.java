package dev.patterns.testing;

import com.google.common.testing.NullPointerTester;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Checks with Guava's {@link NullPointerTester} that every public reference parameter of a
 * module's exported API rejects null: constructors (records included) and static methods of every
 * public type of every exported package, read from the module's own {@code module-info}, and the
 * instance methods of the objects its factories return. A type with instance methods that no
 * registered instance covers is itself a failure, unless it was excused with a reason, so a new
 * type or method is checked without anyone remembering to add it. A parameter that may be null
 * must be named with the reason.
 *
 * <p>Every failure is collected, and {@link #run()} reports them all at once.
 */
public final class NullChecks {

    private final Class<?> anchor;
    private final NullPointerTester tester = new NullPointerTester();
    /** "Type.method#index" or "Type.method" (every parameter) → why null is accepted. */
    private final Map<String, String> nullable = new LinkedHashMap<>();
    /** Types whose instance methods are not checked here → why. */
    private final Map<Class<?>, String> uninstantiated = new LinkedHashMap<>();
    private final List<Object> instances = new ArrayList<>();

    private NullChecks(Class<?> anchor) {
        this.anchor = anchor;
        // Values that pass the modules' range checks, so that only the null can be refused:
        // names must not be empty, counts and lengths are at least 1, a percentage fits 0-100.
        tester.setDefault(String.class, "name");
        tester.setDefault(int.class, 1);
        tester.setDefault(long.class, 1L);
        tester.setDefault(double.class, 50.0);
        tester.setDefault(Duration.class, Duration.ofMillis(1));
    }

    /**
     * Starts the checks of the module that holds {@code anyType}.
     *
     * @param anyType a class compiled into the module under test
     * @return the checks
     */
    public static NullChecks forModuleOf(Class<?> anyType) {
        return new NullChecks(anyType);
    }

    /** The value passed for every parameter of {@code type} that is not the one set to null. */
    public <T> NullChecks setDefault(Class<T> type, T value) {
        tester.setDefault(type, value);
        return this;
    }

    /** Parameter {@code index} (0-based) of every public method or constructor {@code type.member} may be null. */
    public NullChecks nullable(Class<?> type, String member, int index, String reason) {
        nullable.put(type.getSimpleName() + "." + member + "#" + index, reason);
        return this;
    }

    /** Every parameter of {@code type.member} may be null (for example, a JDK contract that answers false). */
    public NullChecks nullable(Class<?> type, String member, String reason) {
        nullable.put(type.getSimpleName() + "." + member, reason);
        return this;
    }

    /** Registers objects the module's factories returned; their public instance methods are checked. */
    public NullChecks instances(Object... objects) {
        instances.addAll(List.of(objects));
        return this;
    }

    /** Excuses a type with instance methods from needing a registered instance. */
    public NullChecks noInstance(Class<?> type, String reason) {
        uninstantiated.put(type, reason);
        return this;
    }

    /**
     * Runs every check and fails with the list of parameters that accepted null.
     *
     * @throws AssertionError listing every failure
     */
    public void run() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Class<?>> types = exportedTypes();
        if (types.isEmpty()) {
            throw new AssertionError("no exported public type found for " + anchor);
        }
        for (Class<?> type : types) {
            if (!Modifier.isAbstract(type.getModifiers())) {
                for (Constructor<?> c : type.getConstructors()) {
                    checkParameters(type, c, null, failures);
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    checkParameters(type, m, null, failures);
                }
            }
            if (!hasInstanceMethodsToCheck(type) || uninstantiated.containsKey(type)) {
                continue;
            }
            List<Object> mine = instances.stream().filter(type::isInstance).toList();
            if (mine.isEmpty()) {
                failures.add(type.getName() + ": no instance registered (register one a factory returns, or excuse the type with a reason)");
            }
            for (Object instance : mine) {
                for (Method m : type.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                        checkParameters(type, m, instance, failures);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " public parameter(s) accept null:\n  " + String.join("\n  ", failures));
        }
    }

    private void checkParameters(Class<?> type, Executable member, Object instance, List<String> failures) {
        String name = member instanceof Constructor<?> ? type.getSimpleName() : member.getName();
        String key = type.getSimpleName() + "." + name;
        if (nullable.containsKey(key)) {
            return;
        }
        Class<?>[] params = member.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            if (params[i].isPrimitive() || nullable.containsKey(key + "#" + i)) {
                continue;
            }
            try {
                if (member instanceof Method m) {
                    tester.testMethodParameter(instance, m, i);
                } else {
                    tester.testConstructorParameter((Constructor<?>) member, i);
                }
            } catch (AssertionError e) {
                failures.add(describe(key, member, i, instance) + ": " + firstLine(e));
            } catch (IllegalArgumentException e) {
                // NullPointerTester cannot make a value for another parameter (a sealed type, say)
                failures.add(describe(key, member, i, instance) + ": no default value (setDefault): " + firstLine(e));
            }
        }
    }

    private static String describe(String key, Executable member, int i, Object instance) {
        String on = instance == null ? "" : " on " + instance.getClass().getSimpleName();
        return key + "#" + i + " (" + member.getParameterTypes()[i].getSimpleName() + ")" + on;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Interfaces and classes with public instance methods that take a reference parameter. */
    private static boolean hasInstanceMethodsToCheck(Class<?> type) {
        if (type.isRecord() || type.isEnum() || Throwable.class.isAssignableFrom(type) || type.isAnnotation()) {
            return false;
        }
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                for (Class<?> p : m.getParameterTypes()) {
                    if (!p.isPrimitive()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isObjectMethod(Method m) {
        if (m.getDeclaringClass() == Object.class) {
            return true;
        }
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Every public type, nested ones included, of every package the module exports to everyone. */
    private List<Class<?>> exportedTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> packages = new TreeSet<>();
        List<String> classNames = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
                exported(ModuleDescriptor.read(in), packages);
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(classNames::add);
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                try (InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                    exported(ModuleDescriptor.read(in), packages);
                }
                jar.stream().map(e -> e.getName()).forEach(classNames::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String file : classNames) {
            if (!file.endsWith(".class") || file.endsWith("module-info.class") || file.endsWith("package-info.class")) {
                continue;
            }
            String binary = file.substring(0, file.length() - ".class".length()).replace('/', '.');
            int dot = binary.lastIndexOf('.');
            if (!packages.contains(binary.substring(0, dot))) {
                continue;
            }
            Class<?> c = Class.forName(binary, false, anchor.getClassLoader());
            if (isPublicApi(c)) {
                types.add(c);
            }
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    private static void exported(ModuleDescriptor module, Set<String> packages) {
        for (ModuleDescriptor.Exports e : module.exports()) {
            if (!e.isQualified()) {
                packages.add(e.source());
            }
        }
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }
}
