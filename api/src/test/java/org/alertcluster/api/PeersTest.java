package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class PeersTest {

  /** A loader that sees no service files at all, as a class path without alertcluster-impl. */
  private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], null);

  @Test
  void missingProviderSaysWhichArtifactToAdd() {
    assertThatThrownBy(() -> Peers.create(ClusterConfig.defaults(), EMPTY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No org.alertcluster.api.spi.PeerProvider found")
        .hasMessageContaining("org.alertcluster:alertcluster-impl");
  }

  @Test
  void noStatesAreDiscoveredWhereNoneAreListed() {
    assertThat(Peers.discoverStates(EMPTY)).isEmpty();
  }
}
