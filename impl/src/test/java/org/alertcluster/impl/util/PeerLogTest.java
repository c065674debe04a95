package org.alertcluster.impl.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PeerLog#warnAtMostEvery}: one WARN per period and problem, the rest at DEBUG. */
class PeerLogTest {

  @Test
  void aRateLimitedLogWarnsOncePerPeriodAndEachProblemHasItsOwnPeriod() {
    PeerLog log = new PeerLog(PeerLogTest.class, "am-0");
    PeerLog garbage = log.warnAtMostEvery(60_000);
    PeerLog failingState = log.warnAtMostEvery(60_000);
    assertThat(garbage.warnNow()).as("first occurrence").isTrue();
    assertThat(garbage.warnNow()).as("again within the period").isFalse();
    assertThat(failingState.warnNow()).as("another problem, its own period").isTrue();
    garbage.warn("still logged at DEBUG, no exception: {}", 1); // the path taken within the period
  }

  @Test
  void aShortPeriodLetsTheNextWarningThroughOnceItHasPassed() throws InterruptedException {
    PeerLog limited = new PeerLog(PeerLogTest.class, "").warnAtMostEvery(1);
    assertThat(limited.warnNow()).isTrue();
    long end = System.nanoTime() + 2_000_000_000L;
    boolean again = false;
    while (!again && System.nanoTime() < end) {
      Thread.onSpinWait();
      again = limited.warnNow();
    }
    assertThat(again).as("WARN again after the 1 ms period").isTrue();
  }
}
