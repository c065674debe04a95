package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Abrupt failure in one JVM (JGroupsPeer.halt), reconnection, and forgetting failed peers. */
class FailureTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void haltedPeerIsFailedCountedAndForgottenAfterReconnectTimeout() {
    UnaryOperator<ClusterConfig.Builder> fast = cfg -> cfg.reconnectTimeout(Duration.ofSeconds(3));
    Peer a = cluster.start(fast);
    Peer b = cluster.start(fast, a);
    Peer c = cluster.start(fast, a);
    await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 3 && b.clusterSize() == 3);
    List<String> events = new CopyOnWriteArrayList<>();
    a.addMembershipListener(new MembershipListener() {
      @Override
      public void failed(Member m) {
        events.add("failed " + m.name());
      }

      @Override
      public void left(Member m) {
        events.add("left " + m.name());
      }

      @Override
      public void joined(Member m) {
        throw new IllegalStateException("listeners that throw are logged and ignored");
      }
    });

    ((JGroupsPeer) c).halt();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Peer p : List.of(a, b)) {
        assertThat(p.clusterSize()).isEqualTo(2);
        assertThat(p.metrics().get(ClusterMetric.PEERS_FAILED)).isEqualTo(1);
        assertThat(p.metrics().get(ClusterMetric.FAILED_PEERS)).isEqualTo(1);
        assertThat(p.metrics().get(ClusterMetric.PEERS_LEFT)).isZero();
      }
      assertThat(events).containsExactly("failed " + c.name());
    });
    // Forgotten after reconnectTimeout (3 s): no longer counted as a failed peer.
    await().atMost(Duration.ofSeconds(10)).until(() -> a.metrics().get(ClusterMetric.FAILED_PEERS) == 0);
    assertThat(a.metrics().get(ClusterMetric.PEERS_FAILED)).isEqualTo(1);
    assertThat(a.metrics().get(ClusterMetric.RECONNECTIONS)).isZero();
  }

  @Test
  void failedPeerComingBackWithTheSameNameCountsAReconnection() {
    UnaryOperator<ClusterConfig.Builder> fast = cfg -> cfg.reconnectTimeout(Duration.ofMinutes(5));
    Peer a = cluster.start(fast);
    Peer b = cluster.start(cfg -> fast.apply(cfg).nodeName("bravo"), a);
    await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 2);
    ((JGroupsPeer) b).halt();
    await().atMost(Duration.ofSeconds(10)).until(() -> a.metrics().get(ClusterMetric.FAILED_PEERS) == 1);

    Peer again = cluster.start(cfg -> fast.apply(cfg).nodeName("bravo"), a);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(a.clusterSize()).isEqualTo(2);
      assertThat(a.metrics().get(ClusterMetric.RECONNECTIONS)).isEqualTo(1);
      assertThat(a.metrics().get(ClusterMetric.FAILED_PEERS)).isZero();
    });
    assertThat(again.members()).extracting(Member::name).contains("bravo");
  }

  @Test
  void duplicateNamesAreCountedAsConflictsAndStillGetDistinctPositions() {
    Peer a = cluster.start(cfg -> cfg.nodeName("same"));
    Peer b = cluster.start(cfg -> cfg.nodeName("same"), a);
    await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
    assertThat(a.metrics().get(ClusterMetric.NAME_CONFLICTS)).isEqualTo(1);
    assertThat(b.metrics().get(ClusterMetric.NAME_CONFLICTS)).isEqualTo(1);
    assertThat(List.of(a.position(), b.position())).containsExactlyInAnyOrder(0, 1);
    assertThat(a.members()).isEqualTo(b.members());
  }
}
