package org.alertcluster.spitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** System properties reach the environment, and bad values are named. */
class VerificationEnvironmentTest {

  private static final String SEED = VerificationEnvironment.PROPERTY_PREFIX + "seed";
  private static final String ITERATIONS = VerificationEnvironment.PROPERTY_PREFIX + "iterations";

  @AfterEach
  void clear() {
    System.clearProperty(SEED);
    System.clearProperty(ITERATIONS);
  }

  @Test
  void pinnedSeedAndIterationsAreRead() {
    System.setProperty(SEED, "-42");
    System.setProperty(ITERATIONS, "3");
    VerificationEnvironment env = VerificationEnvironment.fromSystemProperties();
    assertThat(env.seed()).isEqualTo(-42);
    assertThat(env.seedPinned()).isTrue();
    assertThat(env.iterations()).isEqualTo(3);
    assertThat(env.toString()).contains("seed=-42 (pinned)");
  }

  @Test
  void unpinnedSeedIsRandomAndSaysHowToPinIt() {
    VerificationEnvironment env = VerificationEnvironment.fromSystemProperties();
    assertThat(env.seedPinned()).isFalse();
    assertThat(env.toString()).contains("-Dalertcluster.spitests.seed=" + env.seed());
  }

  @Test
  void badValuesAreRejectedByName() {
    System.setProperty(ITERATIONS, "many");
    assertThatThrownBy(VerificationEnvironment::fromSystemProperties)
        .hasMessageContaining("alertcluster.spitests.iterations must be a number, was 'many'");
    assertThatThrownBy(() -> VerificationEnvironment.fromSystemProperties().withIterations(1)
        .withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reproduceLineReplaysExactlyOneSeed() {
    assertThat(VerificationEnvironment.reproduceWith(7))
        .isEqualTo("-Dalertcluster.spitests.seed=7 -Dalertcluster.spitests.iterations=1");
  }
}
