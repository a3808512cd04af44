package dev.patterns.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a stage does to one item: {@link #apply(Object) apply} runs the user's function, and
 * {@link #emit(Object, Object, Downstream) emit} passes its result on and settles the item. The
 * result's meaning is each operator's own: only the operator that produced it reads it.
 *
 * <p>A worker calls {@code apply} under the stage's {@link ErrorPolicy} (see
 * {@link ErrorPolicyRunner}); only a successful result is emitted, directly or, for an ordered
 * stage, through the {@link Reorderer} in input order. Operators are immutable and shared by the
 * workers of a stage.
 */
sealed interface Operator permits Operator.Map, Operator.Filter, Operator.FlatMap, Operator.Consume {

    /**
     * Runs the user's function on {@code item}.
     *
     * @return what {@link #emit} of this operator needs to pass the item on
     * @throws Exception whatever the function threw
     */
    Object apply(Object item) throws Exception;

    /**
     * Passes on the result of {@link #apply(Object)} for {@code item} and tells {@code to} how the
     * item was settled: exactly one of passed on, delivered, filtered, or handed back.
     */
    void emit(Object item, Object result, Downstream to);

    /**
     * The worker's side of the output: sending, and counting how each item was settled. Called only
     * by the worker that owns it (or, under ordering, by the worker passing results on, holding
     * the reorderer's lock).
     */
    interface Downstream {

        /** Sends one result, waiting for space; false if the pipeline is stopping or the output closed. */
        boolean send(Object result);

        /** The item was processed and {@code results} results were sent. */
        void passedOn(int results);

        /** The item was consumed by the terminal consumer. */
        void delivered();

        /** The item produced nothing to pass on. */
        void filteredOut();

        /** Nothing of the item was passed on: it goes back to the caller unprocessed. */
        void handBack(Object item);

        /** Results that were not sent after a partial pass-on: they are items of the next stage now. */
        void handOnUnsent(List<?> unsent);
    }

    /** One result per item; a {@code null} result filters the item out. */
    record Map(ThrowingFunction<Object, Object> function) implements Operator {
        public Map {
            Objects.requireNonNull(function, "function");
        }

        @Override
        public Object apply(Object item) throws Exception {
            return function.apply(item);
        }

        @Override
        public void emit(Object item, Object result, Downstream to) {
            if (result == null) {
                to.filteredOut();
            } else {
                sendOne(item, result, to);
            }
        }
    }

    /** The item itself, when the predicate accepts it. The result is the predicate's answer. */
    record Filter(ThrowingPredicate<Object> predicate) implements Operator {
        public Filter {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public Object apply(Object item) throws Exception {
            return predicate.test(item);
        }

        @Override
        public void emit(Object item, Object result, Downstream to) {
            if ((Boolean) result) {
                sendOne(item, item, to);
            } else {
                to.filteredOut();
            }
        }
    }

    /**
     * Zero or more results per item, in iteration order. The result is the function's iterable
     * read into a list in {@code apply}, so that errors while reading it are the function's errors.
     */
    record FlatMap(ThrowingFunction<Object, ? extends Iterable<?>> function) implements Operator {
        public FlatMap {
            Objects.requireNonNull(function, "function");
        }

        @Override
        public Object apply(Object item) throws Exception {
            List<Object> results = new ArrayList<>();
            for (Object r : Objects.requireNonNull(function.apply(item), "flatMap result")) {
                results.add(Objects.requireNonNull(r, "flatMap element"));
            }
            return results;
        }

        @Override
        public void emit(Object item, Object result, Downstream to) {
            List<?> results = (List<?>) result;
            int size = results.size();
            if (size == 0) {
                to.filteredOut();
                return;
            }
            for (int i = 0; i < size; i++) {
                if (!to.send(results.get(i))) {
                    if (i == 0) {
                        to.handBack(item);
                    } else {
                        // Part of the item went on: the item is processed, the rest are the next stage's.
                        to.passedOn(size);
                        to.handOnUnsent(results.subList(i, size));
                    }
                    return;
                }
            }
            to.passedOn(size);
        }
    }

    /** The terminal consumer: {@code apply} delivers the item; there is nothing to send. */
    record Consume(ThrowingConsumer<Object> consumer) implements Operator {
        public Consume {
            Objects.requireNonNull(consumer, "consumer");
        }

        @Override
        public Object apply(Object item) throws Exception {
            consumer.accept(item);
            return item;
        }

        @Override
        public void emit(Object item, Object result, Downstream to) {
            to.delivered();
        }
    }

    private static void sendOne(Object item, Object result, Downstream to) {
        if (to.send(result)) {
            to.passedOn(1);
        } else {
            to.handBack(item);
        }
    }
}
