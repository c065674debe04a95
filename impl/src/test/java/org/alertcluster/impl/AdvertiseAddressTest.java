package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** advertiseAddress given as a host alone takes the port the peer binds. */
class AdvertiseAddressTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void aHostAloneIsAdvertisedWithTheBoundPortAndOthersJoinThroughIt() {
    int port = FreePorts.next();
    Peer a = cluster.start(b -> b.bindAddress("127.0.0.1:" + port).advertiseAddress("127.0.0.1"));
    assertThat(a.self().address()).isEqualTo("127.0.0.1:" + port);
    Peer b = cluster.start(c -> c, a);
    await().atMost(Duration.ofSeconds(20)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
    assertThat(b.members()).extracting(m -> m.address()).contains("127.0.0.1:" + port);
  }

  @Test
  void aBracketedIpv6HostAloneIsAcceptedByTheConfiguration() {
    assertThat(ClusterConfig.builder().advertiseAddress("[::1]").build().advertiseAddress())
        .isEqualTo("[::1]");
    assertThat(ClusterConfig.builder().advertiseAddress("am-0.am.svc").build().advertiseAddress())
        .isEqualTo("am-0.am.svc");
  }
}
