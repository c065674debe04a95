package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.protocols.DELAY;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Injects: a JGroups {@link DELAY} of up to 5 ms on every message the flooding peer sends (so its
 * sender cannot keep up, deterministically), then 3 000 small and 60 oversized broadcasts as fast as
 * the caller can write, with queues of 16 and 2. Must hold: the queue never grows past its
 * capacity, every drop is counted (pruned or dropped), the caller is never blocked, and anti-entropy
 * (every 2 s here) brings the other peer to the same entries.
 */
class QueueFloodTest {

  private final String cluster = "flood-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  @Test
  void floodsAreBoundedCountedAndRepairedByAntiEntropy() throws Exception {
    for (int i = 0; i < 2; i++) {
      var b = PeerCluster.testDefaults(cluster, FreePorts.next())
          .sendQueueCapacity(16).oversizedQueueCapacity(2).oversizedMessageThreshold(1024)
          .pushPullInterval(Duration.ofSeconds(2));
      if (!peers.isEmpty()) {
        b.knownPeers(List.of(peers.get(0).self().address()));
      }
      peers.add(JGroupsPeer.start(b.build()));
    }
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 2);
    JGroupsPeer flooder = peers.get(0);
    LwwMapState source = new LwwMapState("sil");
    LwwMapState sink = new LwwMapState("sil");
    Channel channel = flooder.addState(source);
    peers.get(1).addState(sink);
    DELAY delay = new DELAY();
    delay.setOutDelay(5);
    delay.init();
    flooder.channelForTesting().getProtocolStack()
        .insertProtocol(delay, ProtocolStack.Position.ABOVE, TP.class);

    long maxDepth = 0;
    long start = System.nanoTime();
    String big = "x".repeat(4096);
    for (int k = 0; k < 3000; k++) {
      channel.broadcast(source.put("small-" + k, "v"));
      if (k % 50 == 0) {
        channel.broadcast(source.put("big-" + k, big));
      }
      maxDepth = Math.max(maxDepth, flooder.metrics().get(ClusterMetric.QUEUE_DEPTH));
    }
    long callerMillis = (System.nanoTime() - start) / 1_000_000;
    ClusterMetrics m = flooder.metrics();
    assertThat(maxDepth).as("queue depth").isLessThanOrEqualTo(16 + 2);
    assertThat(m.get(ClusterMetric.MESSAGES_PRUNED) + m.get(ClusterMetric.OVERSIZED_DROPPED)).as("drops counted").isPositive();
    // 3 060 broadcasts through a sender delayed up to 5 ms each would take seconds if they blocked.
    assertThat(callerMillis).as("caller time in ms: broadcast must not block").isLessThan(3000);

    flooder.channelForTesting().getProtocolStack().removeProtocol(DELAY.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.sameEntries(source));
    System.out.printf("FAULT | queue flood: 3060 broadcasts into queues of 16/2 behind a 5 ms "
        + "delay | max depth %d, %d pruned + %d dropped (counted), repaired by anti-entropy%n",
        maxDepth, m.get(ClusterMetric.MESSAGES_PRUNED), m.get(ClusterMetric.OVERSIZED_DROPPED));
  }
}
