package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinAndMembershipTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  @ParameterizedTest(name = "{0} peers")
  @ValueSource(ints = {3, 5})
  void peersJoinAndAgreeOnSortedMembersAndPositions(int n) {
    List<Peer> peers = cluster.start(n);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (Peer p : peers) {
        assertThat(p.clusterSize()).isEqualTo(n);
        assertThat(p.members()).isEqualTo(peers.get(0).members());
      }
    });
    List<Member> members = peers.get(0).members();
    List<String> names = members.stream().map(Member::name).toList();
    assertThat(names).isSorted();
    assertThat(names).containsExactlyInAnyOrderElementsOf(
        peers.stream().map(Peer::name).toList());
    Set<Integer> positions = new HashSet<>();
    for (Peer p : peers) {
      assertThat(members.get(p.position())).isEqualTo(p.self());
      positions.add(p.position());
      assertThat(p.self().address()).startsWith("127.0.0.1:").doesNotEndWith(":0");
      assertThat(p.metrics().get(ClusterMetric.MEMBERS)).isEqualTo(n);
      assertThat(p.metrics().get(ClusterMetric.POSITION)).isEqualTo(p.position());
    }
    assertThat(positions).isEqualTo(
        java.util.stream.IntStream.range(0, n).boxed().collect(Collectors.toSet()));

    for (Peer p : peers) {
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status() == PeerStatus.READY);
    }
    // Generated names sort by start time: the first peer started is position 0.
    assertThat(peers.get(0).position()).isZero();
  }

  @Test
  void generatedNamesAreUlidsThatSortByStartTime() {
    List<Peer> peers = cluster.start(2);
    assertThat(peers.get(0).name()).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(peers.get(0).name()).isLessThan(peers.get(1).name());
  }
}
