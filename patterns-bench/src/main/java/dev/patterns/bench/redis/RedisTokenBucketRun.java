package dev.patterns.bench.redis;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RedisTokenBucketBench} at 1, 16 and 64 callers in one command, one JMH run per
 * configuration; every other option comes from the command line:
 * {@code buildlock java -cp patterns-bench/target/benchmarks.jar dev.patterns.bench.redis.RedisTokenBucketRun -f 1 -wi 1 -w 1s -i 1 -r 3s -bm sample -tu ms}
 *
 * <p>The {@code always} and {@code limiting} loads run with virtual-thread callers
 * ({@code -Djmh.executor=VIRTUAL}: the way a server on Java 21+ calls a limiter, many callers on a
 * few carriers, each parked while its command is in flight). The {@code exhausted} load runs with
 * platform threads: there ours never leaves the caller's thread (the local cache answers), and
 * JMH's own spin-waits between iterations, which do not yield, can starve the carriers when no
 * caller ever parks. {@code -Dcallers=1,16,64} chooses the callers; {@code -p load=...} on the
 * command line runs those loads only, with {@code -Dexecutor=virtual} or {@code platform}
 * (default virtual).
 */
public final class RedisTokenBucketRun {

    private RedisTokenBucketRun() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        CommandLineOptions command = new CommandLineOptions(args);
        String[] callers = System.getProperty("callers", "1,16,64").split(",");
        if (command.getParameter("load").hasValue()) {
            run(command, callers, System.getProperty("executor", "virtual"));
        } else {
            run(command, callers, "virtual", "always", "limiting");
            run(command, callers, "platform", "exhausted");
        }
    }

    private static void run(CommandLineOptions command, String[] callers, String executor, String... loads)
            throws RunnerException {
        for (String n : callers) {
            ChainedOptionsBuilder options = new OptionsBuilder().parent(command).threads(Integer.parseInt(n.trim()));
            if (command.getIncludes().isEmpty()) {
                options.include(RedisTokenBucketBench.class.getSimpleName());
            }
            if (loads.length > 0) {
                options.param("load", loads);
            }
            if (executor.equals("virtual")) {
                options.jvmArgsAppend("-Djmh.executor=VIRTUAL");
            }
            System.out.printf("%n==== %s callers, %s threads ====%n", n.trim(), executor);
            new Runner(options.build()).run();
        }
    }
}
