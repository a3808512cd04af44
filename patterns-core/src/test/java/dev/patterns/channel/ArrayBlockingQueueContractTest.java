package dev.patterns.channel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** The contract test run against the JDK's queue, to show the test is right. */
class ArrayBlockingQueueContractTest extends BlockingQueueContractTest {
    @Override
    BlockingQueue<Integer> newQueue() {
        return new ArrayBlockingQueue<>(CAPACITY);
    }
}
