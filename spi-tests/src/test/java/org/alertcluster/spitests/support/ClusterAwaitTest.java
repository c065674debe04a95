package org.alertcluster.spitests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.alertcluster.spitests.sample.LwwMapState;
import org.junit.jupiter.api.Test;

/** The generic convergence wait a host uses with its own State (the other takes LwwMapState only). */
class ClusterAwaitTest {

  @Test
  void awaitConvergedTakesAnyStateWithAnEquivalence() {
    LwwMapState a = new LwwMapState("kv");
    LwwMapState b = new LwwMapState("kv");
    a.put("x", "1", 1);
    b.merge(a.marshalBinary());
    ClusterAwait.awaitConverged(Duration.ofMillis(200), List.of(a, b), ClusterAwait::sameSnapshots);

    b.put("y", "2", 1);
    assertThatThrownBy(() -> ClusterAwait.awaitConverged(Duration.ofMillis(100), List.of(a, b),
        ClusterAwait::sameSnapshots))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not converge within 100 ms")
        .hasMessageContaining("snapshot sizes: [");
    assertThat(ClusterAwait.sameSnapshots(a, b)).isFalse();
  }
}
