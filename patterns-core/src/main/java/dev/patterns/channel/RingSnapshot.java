package dev.patterns.channel;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The buffered elements of a {@link MpmcRing} at one moment, oldest first, with the position of
 * the first and the number of out-of-order removals before it, so that its iterator can find an
 * element again after later removals shifted it.
 */
final class RingSnapshot<E> {

    private final MpmcRing<E> ring;
    /** The elements, oldest first; unmodifiable. */
    final List<E> items;
    /** The position of items[0] in the ring. */
    private final long first;
    /** The ring's out-of-order removals before this snapshot. */
    private final long removalsBefore;

    @SuppressWarnings("unchecked")
    RingSnapshot(MpmcRing<E> ring, Object[] items, long first, long removalsBefore) {
        this.ring = ring;
        this.items = (List<E>) Collections.unmodifiableList(Arrays.asList(items));
        this.first = first;
        this.removalsBefore = removalsBefore;
    }

    /**
     * Returns a weakly consistent iterator over the snapshot. Its {@code remove()} takes out of
     * the ring the very element it returned (not another equal or identical one) if that element
     * is still buffered, and does nothing if it was received meanwhile, or if more than
     * {@value MpmcRing#REMOVAL_LOG} other elements were removed from the middle of the ring since
     * the snapshot was taken (it can no longer tell where its element went).
     */
    Iterator<E> iterator() {
        return new Iterator<>() {
            private int next;
            private int last = -1;

            @Override
            public boolean hasNext() {
                return next < items.size();
            }

            @Override
            public E next() {
                if (next >= items.size()) {
                    throw new NoSuchElementException("no more elements in the snapshot");
                }
                last = next;
                return items.get(next++);
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                Object element = items.get(last);
                long position = first + last;
                last = -1;
                ring.removeFrozen((c, p) -> {
                    long now = ring.replayRemovals(position, removalsBefore);
                    return now >= c && now < p && ring.awaitPublished(now) == element ? now : -1;
                });
            }
        };
    }
}
