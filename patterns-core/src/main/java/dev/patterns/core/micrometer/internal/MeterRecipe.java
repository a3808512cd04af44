package dev.patterns.core.micrometer.internal;

import dev.patterns.internal.Checks;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * What the library's three Micrometer binders share: the list of bindings a binder collects and
 * replays on every {@code bindTo}, and the meter builders they all use (a description on every
 * meter, a base unit where there is one). Not an API: exported only to the library's own modules.
 *
 * <p>Not thread-safe: a binder is configured from one thread, then bound.
 */
public final class MeterRecipe {

    private final List<Consumer<MeterRegistry>> bindings = new ArrayList<>();
    /** Registries bound so far: binding one again registers nothing twice. */
    private final Set<MeterRegistry> bound = ConcurrentHashMap.newKeySet();

    /** Creates an empty recipe. */
    public MeterRecipe() {
    }

    /**
     * Adds a binding, run on every {@link #bindTo(MeterRegistry)}.
     *
     * @param binding registers one component's meters
     */
    public void add(Consumer<MeterRegistry> binding) {
        bindings.add(Objects.requireNonNull(binding, "binding"));
    }

    /**
     * Runs every binding against {@code registry}, once: a registry bound before is left as it is.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (!bound.add(registry)) {
            return;
        }
        for (Consumer<MeterRegistry> binding : bindings) {
            binding.accept(registry);
        }
    }

    /**
     * Registers a gauge with no base unit.
     *
     * @param <T> the source type
     * @param registry the registry
     * @param name the meter name
     * @param description what it measures
     * @param tags its tags
     * @param source what it reads (held weakly by Micrometer)
     * @param value how it reads it
     */
    public static <T> void gauge(MeterRegistry registry, String name, String description, Tags tags, T source,
            ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).tags(tags).register(registry);
    }

    /**
     * Registers a gauge in {@code baseUnit} ("seconds", "percent").
     *
     * @param <T> the source type
     * @param registry the registry
     * @param name the meter name
     * @param description what it measures
     * @param baseUnit its unit
     * @param tags its tags
     * @param source what it reads (held weakly by Micrometer)
     * @param value how it reads it
     */
    public static <T> void gauge(MeterRegistry registry, String name, String description, String baseUnit,
            Tags tags, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).baseUnit(baseUnit).tags(tags)
                .register(registry);
    }

    /**
     * Registers a function counter; {@code value} must never decrease.
     *
     * @param <T> the source type
     * @param registry the registry
     * @param name the meter name
     * @param description what it counts
     * @param tags its tags
     * @param source what it reads (held weakly by Micrometer)
     * @param value the cumulative count
     */
    public static <T> void counter(MeterRegistry registry, String name, String description, Tags tags,
            T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }

    /**
     * Registers a function timer from a cumulative count and a cumulative total in nanoseconds.
     *
     * @param <T> the source type
     * @param registry the registry
     * @param name the meter name
     * @param description what it times
     * @param tags its tags
     * @param source what it reads (held weakly by Micrometer)
     * @param count how many were timed
     * @param totalNanos their total time in nanoseconds
     */
    public static <T> void timer(MeterRegistry registry, String name, String description, Tags tags, T source,
            ToDoubleFunction<T> count, ToDoubleFunction<T> totalNanos) {
        FunctionTimer.builder(name, source, t -> (long) count.applyAsDouble(t), totalNanos, TimeUnit.NANOSECONDS)
                .description(description).tags(tags).register(registry);
    }

    /**
     * Converts nanoseconds to seconds, or {@code NaN} when there is no value.
     *
     * @param nanos nanoseconds, or empty
     * @return seconds, or {@code NaN}
     */
    public static double seconds(OptionalLong nanos) {
        return nanos.isPresent() ? nanos.getAsLong() / 1e9 : Double.NaN;
    }

    /**
     * Checks a tag value given for a component that has no name of its own.
     *
     * @param name the tag value
     * @return {@code name}
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static String requireName(String name) {
        return Checks.notBlank("name", name);
    }
}
