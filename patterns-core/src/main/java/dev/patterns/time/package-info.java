/**
 * Time for concurrency patterns: a nanosecond {@link dev.patterns.time.Ticker}, a
 * {@link dev.patterns.time.Deadline}, a {@link dev.patterns.time.Sleeper}, and a
 * {@link dev.patterns.time.FakeTicker} that tests move by hand.
 */
package dev.patterns.time;
