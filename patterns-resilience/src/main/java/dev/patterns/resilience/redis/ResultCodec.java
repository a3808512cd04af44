package dev.patterns.resilience.redis;

import java.util.Base64;
import java.util.Objects;

/**
 * Turns an operation's result into the text stored in Redis and back, for a
 * {@link RedisIdempotencyStore}. Implementations must be thread-safe, and {@code decode(encode(v))}
 * must equal {@code v}.
 *
 * @param <V> the result type
 */
public interface ResultCodec<V> {

    /**
     * Encodes a result.
     *
     * @param value the result; may be null if the codec allows it
     * @return its text
     */
    String encode(V value);

    /**
     * Decodes a result.
     *
     * @param text what {@link #encode} returned
     * @return the result
     */
    V decode(String text);

    /**
     * Returns the codec of non-null strings, stored as they are.
     *
     * @return the codec
     */
    static ResultCodec<String> strings() {
        return new ResultCodec<>() {
            @Override
            public String encode(String value) {
                return Objects.requireNonNull(value, "value");
            }

            @Override
            public String decode(String text) {
                return Objects.requireNonNull(text, "text");
            }
        };
    }

    /**
     * Returns the codec of non-null byte arrays, stored in Base64.
     *
     * @return the codec
     */
    static ResultCodec<byte[]> bytes() {
        return new ResultCodec<>() {
            @Override
            public String encode(byte[] value) {
                return Base64.getEncoder().encodeToString(Objects.requireNonNull(value, "value"));
            }

            @Override
            public byte[] decode(String text) {
                return Base64.getDecoder().decode(Objects.requireNonNull(text, "text"));
            }
        };
    }
}
