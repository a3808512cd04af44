package dev.patterns.bench.actor;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The library under test for one fork of an actor benchmark, created and closed per trial. */
@State(Scope.Benchmark)
public abstract class ActorPeerState {

    @Param({"patterns", "patterns-pool", "pekko-bounded", "pekko"})
    public String impl;

    ActorPeer peer;

    @Setup(Level.Trial)
    public void setUp() {
        peer = ActorPeer.create(impl);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        peer.close();
    }
}
