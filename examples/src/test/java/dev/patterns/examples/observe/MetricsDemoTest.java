package dev.patterns.examples.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsDemoTest {

    @Test
    void theScenarioShowsInTheMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsDemo.run(registry);

        assertThat(registry.get("patterns.channel.dropped").tag("name", "orders").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("patterns.channel.queued").tag("name", "orders").gauge().value()).isEqualTo(1);
        assertThat(registry.get("patterns.circuitbreaker.state").tags("name", "payments", "state", "open")
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("patterns.circuitbreaker.calls").tags("name", "payments", "kind", "failed")
                .functionTimer().count()).isEqualTo(2);
        assertThat(registry.get("patterns.circuitbreaker.calls").tags("name", "payments", "kind", "successful")
                .functionTimer().count()).isZero();
        assertThat(registry.get("patterns.circuitbreaker.not.permitted.calls").tags("name", "payments")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("patterns.ratelimiter.calls").tags("name", "api", "kind", "not_permitted")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("patterns.layer.completed").functionCounter().count()).isEqualTo(1);

        List<String> lines = MetricsDemo.print(registry);
        assertThat(lines).hasSize(registry.getMeters().size());
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("patterns.channel.dropped").contains("name=orders").endsWith("count=1.0"));
    }

}
