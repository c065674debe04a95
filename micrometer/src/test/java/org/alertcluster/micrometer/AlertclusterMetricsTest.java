package org.alertcluster.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.junit.jupiter.api.Test;

/** The binder against two real peers, read through Micrometer and through its Prometheus registry. */
class AlertclusterMetricsTest {

  @Test
  void prometheusScrapeShowsAlertmanagersSeriesWithLiveValues() throws Exception {
    String cluster = "mm-" + System.nanoTime();
    try (Peer a = Peers.create(config(cluster, "a", List.of()));
        Peer b = Peers.create(config(cluster, "b", List.of(a.self().address())))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> a.clusterSize() == 2 && a.status().isReady());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new AlertclusterMetrics(a).bindTo(registry);
      String scrape = registry.scrape();

      assertThat(scrape).contains("alertmanager_cluster_members 2.0")
          .contains("alertmanager_peer_position 0.0")
          .contains("alertmanager_cluster_enabled 1.0")
          .contains("alertcluster_cluster_ready 1.0")
          .containsPattern("(?m)^alertmanager_cluster_peers_joined_total [2-9]\\.0$")
          .containsPattern("(?m)^alertmanager_cluster_messages_sent_total\\{msg_type=\"full_state\"\\} \\d+\\.0$")
          .containsPattern("(?m)^alertmanager_cluster_messages_sent_size_total\\{msg_type=\"update\"\\} \\d+\\.0$")
          .contains("# TYPE alertmanager_cluster_peers_joined_total counter")
          .contains("# TYPE alertmanager_cluster_members gauge");
      for (ClusterMetric m : ClusterMetric.values()) {
        assertThat(scrape).as("series of %s", m).containsPattern("(?m)^" + m.prometheusName()
            + (m.labels().isEmpty() ? " " : "\\{msg_type=\"" + m.labels().get("msg_type") + "\"\\} "));
      }
      assertThat(scrape).doesNotContain("_bytes");

      // Live: the member count follows the cluster.
      b.leave(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> registry.scrape().contains("alertmanager_cluster_members 1.0"));
    }
  }

  @Test
  void extraTagsGoOnEveryMeter() throws Exception {
    String cluster = "mm-" + System.nanoTime();
    try (Peer a = Peers.create(config(cluster, "a", List.of()))) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new AlertclusterMetrics(a, Tags.of("cluster", cluster)).bindTo(registry);
      assertThat(registry.getMeters()).hasSize(ClusterMetric.values().length + 3)
          .allSatisfy(m -> assertThat(m.getId().getTag("cluster")).isEqualTo(cluster));
      assertThat(registry.get("alertmanager_cluster_messages_received").tag("msg_type", "update")
          .functionCounter().count()).isGreaterThanOrEqualTo(0);
      assertThat(AlertclusterMetrics.meterNames()).contains("alertmanager_cluster_peers_joined")
          .doesNotHaveDuplicates();
    }
  }

  private static ClusterConfig config(String cluster, String name, List<String> known) {
    return ClusterConfig.builder().clusterName(cluster).nodeName(name).bindAddress("127.0.0.1:0")
        .knownPeers(known).settleInterval(Duration.ofMillis(100)).settleTimeout(Duration.ofSeconds(10))
        .joinTimeout(Duration.ofMillis(400)).build();
  }
}
