package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel.broadcastAcknowledged on JGroups beyond the kit's rules: members that crash, members that
 * are cut off, and a peer that left. Faults are injected with JGroups' DISCARD.
 */
class AckedBroadcastTest {

  private final PeerCluster cluster =
      new PeerCluster(config -> Peers.create(config, AckedBroadcastTest.class.getClassLoader()));
  private List<Peer> peers;
  private final List<LwwMapState> states = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    peers = cluster.start(3);
    for (Peer p : peers) {
      LwwMapState s = new LwwMapState("nfl");
      states.add(s);
      channels.add(p.addState(s));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> peers.stream().allMatch(p -> p.clusterSize() == 3));
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void crashedMemberIsReportedWhenTheViewDropsItNotAtTheTimeout() throws Exception {
    JGroupsPeer victim = (JGroupsPeer) peers.get(2);
    victim.halt(); // like kill -9: no goodbye
    long start = System.nanoTime();
    BroadcastAck ack = channels.get(0).broadcastAcknowledged(states.get(0).put("k", "v"),
        Duration.ofSeconds(60)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("AckedBroadcastTest: crashed member reported after " + ms + " ms");
    assertThat(ack.acknowledged()).contains(peers.get(1).self());
    assertThat(ack.acknowledged()).doesNotContain(victim.self());
    // Either the view had dropped the victim before the send (not a target) or it is reported.
    assertThat(ack.notAcknowledged()).isSubsetOf(Set.of(victim.self()));
    assertThat(states.get(1).get("k")).isPresent();
  }

  @Test
  void cutOffMemberIsReportedAtTheTimeoutAndStillGetsTheUpdateLater() throws Exception {
    JGroupsPeer cut = (JGroupsPeer) peers.get(2);
    ProtocolStack stack = cut.channelForTesting().getProtocolStack();
    DISCARD discard = new DISCARD();
    discard.setUpDiscardRate(1.0);
    stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
    long start = System.nanoTime();
    CompletableFuture<BroadcastAck> stage = channels.get(0).broadcastAcknowledged(
        states.get(0).put("k", "v"), Duration.ofMillis(700)).toCompletableFuture();
    BroadcastAck ack = stage.get(10, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(ms).isGreaterThanOrEqualTo(600);
    assertThat(ack.acknowledged()).containsExactly(peers.get(1).self());
    assertThat(ack.notAcknowledged()).containsExactly(cut.self());
    assertThat(ack.complete()).isFalse();
    stack.removeProtocol(DISCARD.class);
    // Reliable delivery: the update reaches the member once it hears again. It was the sender's
    // last message, so no later one shows a gap, and NAKACK2's five re-announcements of the last
    // seqno (one per xmit_interval, 60 ms here) all fell into the 700 ms cut. The cut is shorter
    // than failure detection, so there is no new view and no merge exchange either: STABLE's
    // digests (every 5 probe intervals, at least 1 s) show the sender ahead and NAKACK2 asks for
    // the retransmission. With JGroups' 20 s gossip this took 40 s or more.
    await().atMost(Duration.ofSeconds(15)).until(() -> states.get(2).get("k").isPresent());
  }

  @Test
  void answersAreCorrelatedPerUpdate() throws Exception {
    List<CompletableFuture<BroadcastAck>> stages = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int from = i % 3;
      stages.add(channels.get(from).broadcastAcknowledged(states.get(from).put("k" + i, "v" + i),
          Duration.ofSeconds(20)).toCompletableFuture());
    }
    for (int i = 0; i < stages.size(); i++) {
      BroadcastAck ack = stages.get(i).get(30, TimeUnit.SECONDS);
      assertThat(ack.complete()).as("update %d", i).isTrue();
      assertThat(ack.acknowledged()).hasSize(2);
      for (LwwMapState s : states) {
        assertThat(s.get("k" + i)).isPresent();
      }
    }
  }

  @Test
  void badArgumentsAreRejectedAndALeftPeerSendsNothing() throws Exception {
    Channel channel = channels.get(0);
    assertThatThrownBy(() -> channel.broadcastAcknowledged(new byte[0], Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> channel.broadcastAcknowledged(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("data");
    peers.get(0).leave(Duration.ofSeconds(5));
    BroadcastAck ack = channel.broadcastAcknowledged(states.get(0).put("late", "x"),
        Duration.ofSeconds(5)).toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertThat(ack.acknowledged()).isEmpty();
    assertThat(states.get(1).get("late")).isEmpty();
  }
}
