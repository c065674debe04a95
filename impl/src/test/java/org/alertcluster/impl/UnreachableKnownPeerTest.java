package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Known peers that never join (user trial, defect D): Alertmanager logs "failed to join cluster"
 * and counts each configured peer as failed until it joins. Real JGroups peers; the missing peer is
 * a port proven free, or a server that accepts and stays silent.
 */
class UnreachableKnownPeerTest {

  private final String cluster = "unreach-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private JGroupsPeer start(ClusterConfig.Builder b) {
    JGroupsPeer p = JGroupsPeer.start(b.build());
    peers.add(p);
    return p;
  }

  @Test
  void aKnownPeerWhereNothingListensIsWarnedOnceCountedAndReportedWhenItJoins() {
    int missing = FreePorts.next();
    String addr = "127.0.0.1:" + missing;
    try (LogCapture log = new LogCapture()) {
      JGroupsPeer a = start(PeerCluster.testDefaults(cluster, FreePorts.next()).nodeName("a")
          .knownPeers(List.of(addr)));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(log.lines("WARN", "Failed to join cluster")).hasSize(1));
      assertThat(log.lines("WARN", "Failed to join cluster").get(0))
          .contains("1 of 1 known peers not reachable").contains(addr + ": connection refused");
      assertThat(a.metrics().get(ClusterMetric.FAILED_PEERS)).isEqualTo(1);
      // The list agrees with the gauge (Alertmanager's setInitialFailed: an address, no name yet).
      assertThat(a.failedMembers()).containsExactly(new Member("", addr));
      assertThat(log.lines("WARN", "Failed to join cluster").get(0))
          .contains("retried every reconnectInterval (PT1S)");
      // Checked every reconnectInterval (1 s in the loopback preset): no second WARN for 3 s.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
          log.lines("WARN", "Failed to join cluster").size() == 1);

      JGroupsPeer b = start(PeerCluster.testDefaults(cluster, missing).nodeName("b")
          .knownPeers(List.of(a.self().address())));
      ClusterAwait.awaitSameView(Duration.ofSeconds(30), List.of(a, b), 2);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(log.lines("INFO", "Known peer " + addr + " is reachable now and joined")).hasSize(1);
        assertThat(a.metrics().get(ClusterMetric.FAILED_PEERS)).isZero();
        assertThat(a.failedMembers()).isEmpty();
      });
    }
  }

  @Test
  void aKnownPeerThatAcceptsButStaysSilentIsWarnedAboutAsNotAnsweringDiscovery() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LogCapture log = new LogCapture()) {
      String addr = "127.0.0.1:" + silent.getLocalPort();
      JGroupsPeer a = start(PeerCluster.testDefaults(cluster, FreePorts.next()).nodeName("a")
          .knownPeers(List.of(addr)).reconnectTimeout(Duration.ofSeconds(4)));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(log.lines("WARN", "Failed to join cluster")).hasSize(1));
      assertThat(log.lines("WARN", "Failed to join cluster").get(0))
          .contains(addr + ": it accepts TCP connections but did not answer the join's discovery");
      assertThat(a.metrics().get(ClusterMetric.FAILED_PEERS)).isEqualTo(1);
      // As Alertmanager's removeFailedPeers: no longer counted after reconnectTimeout; not warned
      // about again within the repeat period either.
      assertThat(a.failedMembers()).containsExactly(new Member("", addr));
      await().atMost(Duration.ofSeconds(15)).until(() -> a.metrics().get(ClusterMetric.FAILED_PEERS) == 0);
      assertThat(a.failedMembers()).isEmpty();
      assertThat(log.lines("WARN", "Failed to join cluster")).hasSize(1);
    }
  }
}
