package dev.patterns.channel;

import java.util.concurrent.BlockingQueue;

/** The channel honours the whole {@link BlockingQueue} contract. */
class ChannelContractTest extends BlockingQueueContractTest {
    @Override
    BlockingQueue<Integer> newQueue() {
        return Channel.bounded(CAPACITY);
    }
}
