package org.alertcluster.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.alertcluster.benchmarks.core.SilenceFixtures;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.impl.TestSeam;
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
 * state of N silences (marshal every State, encode, decode, merge into an empty replica). Reaches
 * the codec through impl's {@link TestSeam}, the documented door for benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmarks {

  @Param({"550"})
  public int silences;

  private byte[] part;
  private byte[] updateEnvelope;
  private Supplier<byte[]> fullState;
  private byte[] fullStateEnvelope;

  @Setup
  public void setup() {
    part = new byte[300];
    updateEnvelope = TestSeam.updateEnvelope("sil", part);
    fullState = TestSeam.fullStateEncoder(SilenceFixtures.filled(silences));
    fullStateEnvelope = fullState.get();
  }

  @Benchmark
  public byte[] encodeUpdate() {
    return TestSeam.updateEnvelope("sil", part);
  }

  @Benchmark
  public Object decodeUpdate() {
    return TestSeam.decode(updateEnvelope);
  }

  @Benchmark
  public byte[] encodeFullState() {
    return fullState.get();
  }

  @Benchmark
  public int decodeAndMergeFullState() {
    Silences fresh = SilenceFixtures.empty();
    TestSeam.receiver(fresh).accept(fullStateEnvelope);
    return fresh.size();
  }
}
