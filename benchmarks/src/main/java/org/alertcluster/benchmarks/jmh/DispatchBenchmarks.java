package org.alertcluster.benchmarks.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.alertcluster.benchmarks.core.SilenceFixtures;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.sync.StateRegistry;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.WireCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The receive path of one update without the network: decode the envelope, dispatch by key to the
 * registered State, merge a one-silence delta into 550 silences (what every member does per update).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmarks {

  private StateRegistry registry;
  private byte[] envelope;

  @Setup
  public void setup() {
    registry = new StateRegistry(new PeerCounters());
    Silences target = SilenceFixtures.filled(550);
    registry.add(target);
    // A delta the way a replica broadcasts it: one silence, marshalled as a one-entry state.
    Silences one = SilenceFixtures.empty();
    one.set(SilenceFixtures.silence(100_000, Instant.now()));
    envelope = WireCodec.update("sil", one.marshalBinary());
  }

  @Benchmark
  public void decodeDispatchMerge() throws WireCodec.MalformedMessageException {
    Envelope e = WireCodec.decode(envelope, 0, envelope.length);
    registry.merge(e.getUpdate().getKey(), e.getUpdate().getData().toByteArray(), "bench");
  }
}
