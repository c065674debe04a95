package org.alertcluster.benchmarks.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alertcluster.benchmarks.core.SilenceFixtures;
import org.alertcluster.examples.silence.Silences;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The replica's silence check per alert (done for every alert at every flush): 550 silences, one label set. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SilenceMatchBenchmarks {

  @Param({"550"})
  public int silences;

  private Silences state;
  private Map<String, String> muted;
  private Map<String, String> notMuted;

  @Setup
  public void setup() {
    state = SilenceFixtures.filled(silences);
    muted = Map.of("alertname", "Alert7", "instance", "host-7.example:9100", "job", "node");
    notMuted = Map.of("alertname", "DiskFull", "instance", "db-1:9100", "job", "node");
  }

  @Benchmark
  public List<String> mutedAlert() {
    return state.mutedBy(muted);
  }

  @Benchmark
  public List<String> notMutedAlert() {
    return state.mutedBy(notMuted);
  }
}
