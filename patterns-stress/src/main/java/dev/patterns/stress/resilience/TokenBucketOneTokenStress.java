package dev.patterns.stress.resilience;

import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import dev.patterns.resilience.TokenBucket;
import dev.patterns.time.FakeTicker;

/**
 * Claim: a bucket holding one token, with time standing still, admits at most one of two racing
 * {@code tryAcquire} calls (and, since the token is there, exactly one).
 *
 * <p>Run: {@code java -jar patterns-stress/target/jcstress.jar -t TokenBucketOneTokenStress}
 */
@JCStressTest
@Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "exactly one took the token")
@Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "over-admitted: two tokens from a bucket of one")
@Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "the token was there but nobody got it")
@State
public class TokenBucketOneTokenStress {

    private final TokenBucket bucket = TokenBucket.builder().capacity(1).refill(1, Duration.ofHours(1))
            .ticker(FakeTicker.start()).build();

    @Actor
    public void first(ZZ_Result r) {
        r.r1 = bucket.tryAcquire();
    }

    @Actor
    public void second(ZZ_Result r) {
        r.r2 = bucket.tryAcquire();
    }
}
