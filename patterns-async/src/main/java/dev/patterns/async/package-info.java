/**
 * Fan-out/fan-in with deadlines and gather policies, hedged requests, single-flight and
 * execution layers for I/O-bound, CPU-bound and legacy blocking work.
 */
package dev.patterns.async;
