package org.alertcluster.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.junit.jupiter.api.Test;

/** The commands' text, from two real plain-JVM peers (the Karaf test runs the commands themselves). */
class PeerReportTest {

  @Test
  void reportsShowMembersInPositionOrderStatesAndEveryMetric() throws Exception {
    String cluster = "shell-" + System.nanoTime();
    try (Peer a = Peers.create(config(cluster, "a-node", List.of()));
        Peer b = Peers.create(config(cluster, "b-node", List.of(a.self().address())))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> a.clusterSize() == 2 && a.status().isReady());
      a.addState(new FixedState("sil", new byte[123]));

      String members = PeerReport.members(a);
      assertThat(members.lines().toList()).hasSize(5)
          .first().asString().isEqualTo("Peer a-node in cluster " + cluster + " at "
              + a.self().address() + ": ready");
      assertThat(members.lines().toList().get(3)).startsWith("0        | a-node | " + a.self().address())
          .endsWith("alive (this peer)");
      assertThat(members.lines().toList().get(4)).startsWith("1        | b-node | " + b.self().address())
          .endsWith("alive");

      assertThat(PeerReport.states(a)).contains("sil | 123");
      assertThat(PeerReport.states(b)).contains("(no State registered)");
      assertThat(PeerReport.status(a)).contains("Settle state | ready").contains("Members      | 2")
          .contains("Position     | 0");
      String metrics = PeerReport.metrics(a);
      for (ClusterMetric m : ClusterMetric.values()) {
        assertThat(metrics).contains(m.prometheusName());
      }
      assertThat(metrics).contains("alertmanager_cluster_members  ")
          .containsPattern("alertmanager_cluster_messages_sent_total\\{msg_type=\"full_state\"\\} +\\| \\d+");
    }
  }

  @Test
  void settleStatesInWords() {
    assertThat(PeerReport.settleState(org.alertcluster.api.PeerStatus.READY_AFTER_TIMEOUT))
        .isEqualTo("ready (settle timeout passed)");
    assertThat(PeerReport.settleState(org.alertcluster.api.PeerStatus.SETTLING)).isEqualTo("settling");
  }

  private static ClusterConfig config(String cluster, String name, List<String> known) {
    return ClusterConfig.builder().clusterName(cluster).nodeName(name).bindAddress("127.0.0.1:0")
        .knownPeers(known).settleInterval(Duration.ofMillis(100)).settleTimeout(Duration.ofSeconds(10))
        .joinTimeout(Duration.ofMillis(400)).build();
  }

  /** A State of fixed size. */
  record FixedState(String key, byte[] data) implements State {
    @Override
    public byte[] marshalBinary() {
      return data.clone();
    }

    @Override
    public void merge(byte[] data) {}
  }
}
