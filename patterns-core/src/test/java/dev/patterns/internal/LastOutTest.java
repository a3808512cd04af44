package dev.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LastOutTest {

    @Test
    void onlyTheLastArrivalIsLastAndOnlyOneClaimWins() {
        LastOut out = new LastOut(3);
        assertThat(out.arrive()).isFalse();
        assertThat(out.arrive()).isFalse();
        assertThat(out.live()).isEqualTo(1);
        assertThat(out.arrive()).isTrue();
        assertThat(out.tryClaim()).isTrue();
        assertThat(out.tryClaim()).isFalse();
        assertThat(out.isClaimed()).isTrue();
        assertThatThrownBy(out::arrive).isInstanceOf(IllegalStateException.class)
                .hasMessage("arrivals: 1 beyond the parties (expected: one per worker)");
        assertThat(out.live()).isZero();
        assertThatThrownBy(() -> new LastOut(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parties: 0 (expected: >= 1)");
    }
}
