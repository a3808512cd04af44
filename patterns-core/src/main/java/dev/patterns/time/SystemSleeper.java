package dev.patterns.time;

import java.util.concurrent.locks.LockSupport;

/** Parks until the time has passed; spurious wake-ups are absorbed by re-checking the clock. */
enum SystemSleeper implements Sleeper {
    INSTANCE;

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public String toString() {
        return "Sleeper.system()";
    }
}
