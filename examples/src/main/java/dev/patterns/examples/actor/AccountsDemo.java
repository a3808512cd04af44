package dev.patterns.examples.actor;

import dev.patterns.actor.AbstractBehavior;
import dev.patterns.actor.ActorContext;
import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.ActorSystemStats;
import dev.patterns.actor.Behavior;
import dev.patterns.actor.PreRestart;
import dev.patterns.actor.Signal;
import dev.patterns.actor.SupervisorStrategy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 100,000 account actors; clients move money between random accounts by ask (withdraw, then
 * deposit); now and then an account is made to fail, and its supervisor restarts it, reloading
 * the balance from its ledger slot. At the end the total balance is the same as at the start.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=dev.patterns.examples.actor.AccountsDemo}
 */
public final class AccountsDemo {

    private AccountsDemo() {
    }

    // --- the actor: a sealed message type and the class form with mutable state ---

    /** What an account understands. */
    public sealed interface AccountMsg permits Withdraw, Deposit, Crash {
    }

    /** Takes {@code amount} out if the balance allows; replies whether it did. */
    public record Withdraw(long amount, ActorRef<Boolean> replyTo) implements AccountMsg {
    }

    /** Puts {@code amount} in; replies the new balance. */
    public record Deposit(long amount, ActorRef<Long> replyTo) implements AccountMsg {
    }

    /** Makes the handler throw: a stand-in for a bug or a bad dependency. */
    public record Crash() implements AccountMsg {
    }

    /** One account; its ledger slot is the durable copy a restart reloads from. */
    static final class Account extends AbstractBehavior<AccountMsg> {
        private final long[] ledger; // slot `id` is written only by this actor
        private final int id;
        private long balance;

        Account(ActorContext<AccountMsg> context, long[] ledger, int id) {
            super(context);
            this.ledger = ledger;
            this.id = id;
            this.balance = ledger[id]; // (re)load: a restart starts from the durable balance
        }

        static Behavior<AccountMsg> create(long[] ledger, int id) {
            return Behavior.supervise(
                    Behavior.setup(ctx -> new Account(ctx, ledger, id)),
                    SupervisorStrategy.restart(10, Duration.ofMinutes(1)));
        }

        @Override
        protected Behavior<AccountMsg> onMessage(AccountMsg msg) throws InterruptedException {
            switch (msg) {
                case Withdraw w -> {
                    boolean ok = balance >= w.amount();
                    if (ok) {
                        balance -= w.amount();
                        ledger[id] = balance;
                    }
                    w.replyTo().tell(ok);
                }
                case Deposit d -> {
                    balance += d.amount();
                    ledger[id] = balance;
                    d.replyTo().tell(balance);
                }
                case Crash c -> throw new IllegalStateException("account-" + id + " crashed on purpose");
            }
            return this;
        }

        @Override
        protected Behavior<AccountMsg> onSignal(Signal signal) {
            if (signal instanceof PreRestart) {
                balance = -1; // this instance is discarded; the next one reloads from the ledger
            }
            return this;
        }
    }

    // --- the demo ---

    /**
     * The knobs of a run.
     *
     * @param accounts number of account actors
     * @param initialBalance balance of each at the start
     * @param transfers transfers in total
     * @param clients concurrent clients (virtual threads) issuing them
     * @param crashEvery one crash is sent per this many transfers
     * @param seed random seed
     */
    public record Config(int accounts, long initialBalance, int transfers, int clients, int crashEvery, long seed) {
    }

    /**
     * What a run did.
     *
     * @param totalBefore sum of balances at the start
     * @param totalAfter sum of balances after the system closed
     * @param transfersDone transfers that moved money
     * @param transfersRejected transfers refused for insufficient funds
     * @param crashes crash messages sent
     * @param stats the system's stats after close
     */
    public record Result(long totalBefore, long totalAfter, long transfersDone, long transfersRejected,
            long crashes, ActorSystemStats stats) {
    }

    public static void main(String[] args) throws Exception {
        run(new Config(100_000, 1_000, 200_000, 64, 5_000, 42), System.out);
    }

    public static Result run(Config config, PrintStream out) throws Exception {
        long[] ledger = new long[config.accounts()];
        java.util.Arrays.fill(ledger, config.initialBalance());
        long totalBefore = (long) config.accounts() * config.initialBalance();
        AtomicLong done = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong crashes = new AtomicLong();
        long start = System.nanoTime();
        ActorSystem system = ActorSystem.builder().name("bank").capacity(64).build();
        List<ActorRef<AccountMsg>> accounts = new ArrayList<>(config.accounts());
        for (int i = 0; i < config.accounts(); i++) {
            accounts.add(system.spawn(Account.create(ledger, i), "account-" + i));
        }
        List<Thread> clients = new ArrayList<>();
        int perClient = config.transfers() / config.clients();
        for (int c = 0; c < config.clients(); c++) {
            SplittableRandom random = new SplittableRandom(config.seed() + c);
            int client = c;
            clients.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                try {
                    for (int t = 0; t < perClient; t++) {
                        ActorRef<AccountMsg> from = accounts.get(random.nextInt(accounts.size()));
                        ActorRef<AccountMsg> to = accounts.get(random.nextInt(accounts.size()));
                        long amount = 1 + random.nextInt(100);
                        Duration timeout = Duration.ofSeconds(30);
                        if (from.<Boolean>ask(r -> new Withdraw(amount, r), timeout).get()) {
                            to.<Long>ask(r -> new Deposit(amount, r), timeout).get();
                            done.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                        if ((client * perClient + t) % config.crashEvery() == 0) {
                            accounts.get(random.nextInt(accounts.size())).tell(new Crash());
                            crashes.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        system.close(); // every account drains its mailbox, then every thread ends
        long totalAfter = 0;
        for (long b : ledger) {
            totalAfter += b;
        }
        ActorSystemStats stats = system.stats();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "accounts: %,d actors, %,d transfers by ask from %d clients in %.2f s%n",
                config.accounts(), done.get() + rejected.get(), config.clients(), seconds);
        out.printf(Locale.ROOT, "transfers: %,d done, %,d rejected (insufficient funds); %,d accounts crashed on purpose%n",
                done.get(), rejected.get(), crashes.get());
        out.printf(Locale.ROOT, "total balance: before %,d, after %,d, conserved: %b%n",
                totalBefore, totalAfter, totalBefore == totalAfter);
        out.printf(Locale.ROOT, "stats: spawned %,d, stopped %,d, handled %,d, failed %,d, restarts %,d,"
                        + " dropped %,d, dead letters %,d%n",
                stats.spawned(), stats.stopped(), stats.handled(), stats.failed(), stats.restarts(),
                stats.dropped(), stats.deadLetters());
        return new Result(totalBefore, totalAfter, done.get(), rejected.get(), crashes.get(), stats);
    }
}
