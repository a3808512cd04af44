package dev.patterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Reads one meter of a registry by name and exact tags (the meter must carry those tags and no
 * other), for the binder tests of every module.
 */
public final class Meters {

    private Meters() {
    }

    /** The value of the gauge {@code name} tagged exactly {@code tags}. */
    public static double gauge(MeterRegistry registry, String name, Tags tags) {
        Gauge gauge = registry.get(name).tags(tags).gauge();
        assertThat(gauge.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
        return gauge.value();
    }

    /** The count of the function counter {@code name} tagged exactly {@code tags}. */
    public static double counter(MeterRegistry registry, String name, Tags tags) {
        FunctionCounter counter = registry.get(name).tags(tags).functionCounter();
        assertThat(counter.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
        return counter.count();
    }

    /** The function timer {@code name} tagged exactly {@code tags}. */
    public static FunctionTimer timer(MeterRegistry registry, String name, Tags tags) {
        FunctionTimer timer = registry.get(name).tags(tags).functionTimer();
        assertThat(timer.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
        return timer;
    }

    /** The ids of every meter whose name starts with {@code prefix}. */
    public static List<Meter.Id> startingWith(MeterRegistry registry, String prefix) {
        return registry.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith(prefix)).toList();
    }
}
