package dev.patterns.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher refuses the selections under which jcstress would pass without testing. */
class StressLauncherTest {

    private static final String TWO_ACTOR_TEST = "FakeTickerAdvanceStress";

    @Test
    void aSelectionThatMatchesNothingIsRefused() {
        assertThat(StressLauncher.check(new String[] {"-m", "quick", "-t", "NoSuchStressTest"}, 2))
                .contains("-t: NoSuchStressTest matches none of the")
                .contains("(expected: at least one)");
    }

    @Test
    void aTestWithMoreActorsThanCpusIsRefused() {
        assertThat(StressLauncher.check(new String[] {"-t", TWO_ACTOR_TEST}, 1))
                .contains(TWO_ACTOR_TEST + " (2 actors)")
                .contains("(expected: at most 1 actors per test");
    }

    @Test
    void oneCpuGivenWithMinusCIsRefused() {
        assertThat(StressLauncher.check(new String[] {"-c", "1", "-t", TWO_ACTOR_TEST}, 2))
                .isEqualTo("-c: 1 (expected: >= 2; with one CPU no two actors ever race)");
        assertThat(StressLauncher.check(new String[] {"-c", "two"}, 2))
                .isEqualTo("-c: two (expected: a whole number >= 2)");
    }

    @Test
    void aBadRegexIsRefused() {
        assertThat(StressLauncher.check(new String[] {"-t", "("}, 2)).startsWith("-t: ( is not a regular expression");
    }

    @Test
    void aSchedulableSelectionPasses() {
        assertThat(StressLauncher.check(new String[] {"-t", TWO_ACTOR_TEST, "-m", "quick"}, 2)).isNull();
    }

    @Test
    void everyTestInTheJarFitsOnTwoCpus() {
        assertThat(StressLauncher.check(new String[0], 2))
                .as("every stress test must have at most 2 actors (CI has 2 cores)")
                .isNull();
    }
}
