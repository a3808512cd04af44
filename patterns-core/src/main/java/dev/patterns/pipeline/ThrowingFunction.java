package dev.patterns.pipeline;

/**
 * A function that may throw a checked exception: a map or one-to-many step of a
 * {@link Pipeline} or the work of a {@link WorkerPool}. Blocking I/O code can be passed as is; what
 * it throws follows the stage's {@link ErrorPolicy}.
 *
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> {

    /**
     * Applies this function.
     *
     * @param input the item
     * @return the result
     * @throws Exception if the work fails; the stage's error policy decides what happens to the item
     */
    R apply(T input) throws Exception;
}
