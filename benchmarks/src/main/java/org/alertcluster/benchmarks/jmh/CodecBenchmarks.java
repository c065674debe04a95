package org.alertcluster.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alertcluster.benchmarks.core.SilenceFixtures;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.sync.StateRegistry;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.FullState;
import org.alertcluster.impl.wire.WireCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding on the wire: a 300-byte update (a {@code Part} in its envelope) and a full
 * state of N silences (marshal every State, encode, decode, merge into an empty replica).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmarks {

  @Param({"550"})
  public int silences;

  private byte[] part;
  private byte[] updateEnvelope;
  private StateRegistry registry;
  private byte[] fullStateEnvelope;

  @Setup
  public void setup() {
    part = new byte[300];
    updateEnvelope = WireCodec.update("sil", part);
    registry = new StateRegistry(new PeerCounters());
    registry.add(SilenceFixtures.filled(silences));
    fullStateEnvelope = WireCodec.fullStatePush(registry.fullState(List.of()));
  }

  @Benchmark
  public byte[] encodeUpdate() {
    return WireCodec.update("sil", part);
  }

  @Benchmark
  public Envelope decodeUpdate() throws WireCodec.MalformedMessageException {
    return WireCodec.decode(updateEnvelope, 0, updateEnvelope.length);
  }

  @Benchmark
  public byte[] encodeFullState() {
    return WireCodec.fullStatePush(registry.fullState(List.of()));
  }

  @Benchmark
  public int decodeAndMergeFullState() throws WireCodec.MalformedMessageException {
    Envelope e = WireCodec.decode(fullStateEnvelope, 0, fullStateEnvelope.length);
    FullState fs = e.getFullStatePush();
    Silences fresh = SilenceFixtures.empty();
    StateRegistry target = new StateRegistry(new PeerCounters());
    target.add(fresh);
    target.mergeAll(fs, "bench");
    return fresh.size();
  }
}
