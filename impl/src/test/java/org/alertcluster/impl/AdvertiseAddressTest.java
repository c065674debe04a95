package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** advertiseAddress given as a host alone takes the port the peer binds. */
class AdvertiseAddressTest {

  @Test
  void aHostAloneIsAdvertisedWithTheBoundPortAndOthersJoinThroughIt() throws Exception {
    try (TestPeers t = new TestPeers()) {
      int port = TestPeers.freePort();
      JGroupsPeer a = t.start(t.config().bindAddress("0.0.0.0:" + port)
          .advertiseAddress("127.0.0.1").build());
      assertThat(a.self().address()).isEqualTo("127.0.0.1:" + port);
      JGroupsPeer b = t.start(t.config().knownPeers(List.of(a.self().address())).build());
      await().atMost(Duration.ofSeconds(20)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
      assertThat(b.members()).extracting(m -> m.address()).contains("127.0.0.1:" + port);
    }
  }

  @Test
  void aBracketedIpv6HostAloneIsAcceptedByTheConfiguration() {
    assertThat(t().advertiseAddress("[::1]").build().advertiseAddress()).isEqualTo("[::1]");
    assertThat(t().advertiseAddress("am-0.am.svc").build().advertiseAddress())
        .isEqualTo("am-0.am.svc");
  }

  private static org.alertcluster.api.ClusterConfig.Builder t() {
    return org.alertcluster.api.ClusterConfig.builder();
  }
}
