package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creation through ServiceLoader, graceful leave, and that leaving releases everything. */
class LifecycleTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void peersCreateFindsTheProviderThroughServiceLoader() {
    try (Peer peer = Peers.create(cluster.config().settleTimeout(Duration.ZERO).build())) {
      assertThat(peer).isInstanceOf(Peer.class);
      assertThat(peer.status()).isEqualTo(PeerStatus.READY); // settle timeout zero: ready at once
      assertThat(peer.members()).containsExactly(peer.self());
      assertThat(peer.metrics().get(ClusterMetric.PEERS_JOINED)).isEqualTo(1); // itself, as Alertmanager counts
    }
  }

  @Test
  void aLeavingPeerIsSeenAsLeftNotFailed() {
    List<Peer> peers = cluster.start(3);
    await().atMost(Duration.ofSeconds(15)).until(() -> peers.stream().allMatch(p -> p.clusterSize() == 3));
    List<String> events = new CopyOnWriteArrayList<>();
    peers.get(0).addMembershipListener(new MembershipListener() {
      @Override
      public void left(Member m) {
        events.add("left " + m.name());
      }

      @Override
      public void failed(Member m) {
        events.add("failed " + m.name());
      }
    });
    Peer leaver = peers.get(2);
    leaver.leave(Duration.ofSeconds(5));
    assertThat(leaver.status()).isEqualTo(PeerStatus.LEFT);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Peer p : peers.subList(0, 2)) {
        assertThat(p.clusterSize()).isEqualTo(2);
        assertThat(p.members()).extracting(Member::name).doesNotContain(leaver.name());
        assertThat(p.metrics().get(ClusterMetric.PEERS_LEFT)).isEqualTo(1);
      }
      assertThat(events).containsExactly("left " + leaver.name());
    });
    assertThat(peers.get(0).metrics().get(ClusterMetric.PEERS_FAILED)).isZero();
    assertThat(peers.get(0).metrics().get(ClusterMetric.FAILED_PEERS)).isZero();
  }

  @Test
  void leaveIsIdempotentAndReleasesEveryThreadAndPort() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Peer a = Peers.create(cluster.config().build());
    Peer b = Peers.create(cluster.config().knownPeers(List.of(a.self().address())).build());
    LwwMapState state = new LwwMapState("sil");
    a.addState(state);
    a.channel("sil").orElseThrow().broadcast(state.put("k", "v"));
    await().atMost(Duration.ofSeconds(15)).until(() -> b.clusterSize() == 2 && a.status().isReady());
    int portA = Integer.parseInt(a.self().address().substring(a.self().address().lastIndexOf(':') + 1));

    a.leave(Duration.ofSeconds(5));
    a.leave(Duration.ofSeconds(5)); // no-op, no exception
    a.close();
    b.close();
    assertThat(a.status()).isEqualTo(PeerStatus.LEFT);
    assertThatThrownBy(() -> a.addState(new LwwMapState("nfl"))).isInstanceOf(IllegalStateException.class);
    a.channel("sil").orElseThrow().broadcast(state.put("k2", "v")); // no-op after leave
    assertThat(a.metrics().get(ClusterMetric.QUEUE_DEPTH)).isZero();
    assertThat(a.awaitReady(Duration.ofMillis(10))).isTrue(); // was ready before leaving

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Set<String> leftover = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive())
          .map(Thread::getName)
          .filter(n -> !n.startsWith("ForkJoinPool") && !n.startsWith("awaitility"))
          .collect(Collectors.toSet());
      assertThat(leftover).isEmpty();
    });
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), portA));
      assertThat(s.getLocalPort()).isEqualTo(portA);
    }
    try (ServerSocket s = new ServerSocket()) { // FD_SOCK2's port is released too
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), portA + 100));
    }
  }

  @Test
  void readyFailsWhenThePeerLeavesFirst() {
    Peer p = cluster.start(cfg -> cfg.settleTimeout(Duration.ofMinutes(1))
        .settleStablePolls(1000));
    var ready = p.ready().toCompletableFuture();
    p.leave(Duration.ofSeconds(2));
    assertThat(ready).isCompletedExceptionally();
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ClusterConfig c = cluster.config().bindAddress("127.0.0.1:" + s.getLocalPort()).build();
      assertThatThrownBy(() -> Peers.create(c)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("bindAddress '127.0.0.1:" + s.getLocalPort() + "'");
    }
  }
}
