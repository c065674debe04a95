package org.alertcluster.benchmarks.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.alertcluster.benchmarks.core.SilenceFixtures;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.impl.TestSeam;
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
 * Reaches the receive path through impl's {@link TestSeam}, the documented door for benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmarks {

  private Consumer<byte[]> receiver;
  private byte[] envelope;

  @Setup
  public void setup() {
    Silences target = SilenceFixtures.filled(550);
    receiver = TestSeam.receiver(target);
    // A delta the way a replica broadcasts it: one silence, marshalled as a one-entry state.
    Silences one = SilenceFixtures.empty();
    one.set(SilenceFixtures.silence(100_000, Instant.now()));
    envelope = TestSeam.updateEnvelope("sil", one.marshalBinary());
  }

  @Benchmark
  public void decodeDispatchMerge() {
    receiver.accept(envelope);
  }
}
