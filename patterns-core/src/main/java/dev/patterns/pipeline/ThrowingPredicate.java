package dev.patterns.pipeline;

/**
 * A predicate that may throw a checked exception: the test of a {@link Pipeline} filter stage.
 *
 * @param <T> the input type
 */
@FunctionalInterface
public interface ThrowingPredicate<T> {

    /**
     * Tests an item.
     *
     * @param input the item
     * @return {@code true} to pass the item on, {@code false} to filter it out (counted as filtered)
     * @throws Exception if the test fails; the stage's error policy decides what happens to the item
     */
    boolean test(T input) throws Exception;
}
