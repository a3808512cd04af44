/**
 * Helpers shared by the library's own modules, written once: argument checks in the library's
 * message format, the backoff formula, the interruptible run state of a task handed to an
 * executor, thread-per-task executors, and the last-out counter of a worker group.
 *
 * <p>Not part of the API: {@code module-info} exports this package only to
 * {@code dev.patterns.async} and {@code dev.patterns.resilience}. Its types are public so that
 * those modules (and the jcstress tests in {@code patterns-stress}, which run on the class path)
 * can reach them; they may change in any release.
 */
package dev.patterns.internal;
