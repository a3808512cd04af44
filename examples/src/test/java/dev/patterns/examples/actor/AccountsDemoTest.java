package dev.patterns.examples.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Money is conserved across transfers and supervised restarts; every crash was one restart. */
@Timeout(120)
class AccountsDemoTest {

    @Test
    void theTotalBalanceIsConservedAndEveryCrashedAccountWasRestarted() throws Exception {
        AccountsDemo.Config config = new AccountsDemo.Config(2_000, 100, 20_000, 16, 500, 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AccountsDemo.Result r = AccountsDemo.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(r.totalAfter()).isEqualTo(r.totalBefore()).isEqualTo(200_000L);
        assertThat(r.transfersDone() + r.transfersRejected()).isEqualTo(20_000L);
        assertThat(r.transfersDone()).isPositive();
        assertThat(r.crashes()).isEqualTo(40L);
        assertThat(r.stats().failed()).isEqualTo(r.crashes());
        assertThat(r.stats().restarts()).isEqualTo(r.crashes());
        assertThat(r.stats().deadLetters()).isZero();
        assertThat(r.stats().dropped()).isZero();
        assertThat(r.stats().actors()).isZero();
        assertThat(r.stats().stopped()).isEqualTo(2_000L);
        // withdraw for every transfer, deposit for every one done, crashes are failures not handled
        assertThat(r.stats().handled()).isEqualTo(20_000L + r.transfersDone());
        assertThat(printed).contains("conserved: true").contains("restarts 40");
    }
}
