package org.alertcluster.benchmarks.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The arithmetic of the interleaved latency rounds, without running them. */
class CoreBenchTest {

  @Test
  void theMedianOfTheRoundsIgnoresOneStalledRound() {
    // Eight rounds; one of them hit a 40 ms stall on alertcluster's side (ratio 9.0).
    assertThat(CoreBench.median(new double[] {0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.3, 9.0})).isEqualTo(1.05);
    assertThat(CoreBench.median(new double[] {0.5, 1.0, 7.0})).isEqualTo(1.0);
  }
}
