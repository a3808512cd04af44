package dev.patterns.pipeline;

/**
 * A consumer that may throw a checked exception: the terminal step of a {@link Pipeline}.
 *
 * @param <T> the input type
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {

    /**
     * Consumes an item. Returning normally counts the item as delivered.
     *
     * @param input the item
     * @throws Exception if delivery fails; the terminal stage's error policy decides what happens
     */
    void accept(T input) throws Exception;
}
