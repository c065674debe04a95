package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The warm-up runs the whole silence path on scratch sets and leaves nothing behind. */
class ApiWarmUpTest {

  @Test
  void everyWarmUpSilenceTravelsFromThePostedJsonToTheSecondSet() {
    assertThat(ApiWarmUp.run(Clock.systemUTC(), 25)).isEqualTo(25);
  }

  @Test
  void aFailingStepEndsTheWarmUpWithoutThrowing() {
    // The warm-up runs on its own thread at start: whatever fails there must not reach the replica.
    Clock broken = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        throw new IllegalStateException("no time");
      }
    };
    assertThat(ApiWarmUp.run(broken, 5)).isZero();
  }
}
