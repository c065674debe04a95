package org.alertcluster.examples.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertcluster.examples.TestNodes.base;
import static org.alertcluster.examples.TestNodes.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.examples.ThreeReplicas;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertmanager_cluster_peers_left_total} on the replica's {@code /metrics} means what it means
 * in Alertmanager: every departure, a graceful leave and a failed peer alike (Alertmanager's
 * {@code peerLeave} runs on every memberlist {@code NotifyLeave}). Our own counters tell the two
 * kinds apart under {@code alertcluster_*} names.
 */
class PeersLeftMetricTest {

  @TempDir
  Path dir;

  @Test
  void alertmanagerPeersLeftCountsGracefulLeavesAndFailures() throws Exception {
    try (WebhookSink sink = new WebhookSink();
         ThreeReplicas replicas = ThreeReplicas.start(dir, sink.url())) {
      Node watcher = replicas.nodes().get(0);
      Node failing = replicas.nodes().get(1);
      Node leaving = replicas.nodes().get(2);
      assertThat(value(watcher, "alertmanager_cluster_peers_left_total")).isZero();

      leaving.close(); // a graceful leave: goodbye, then disconnect
      await().atMost(30, SECONDS).until(() -> value(watcher, "alertcluster_cluster_peers_left_total") == 1);
      ThreeReplicas.isolate(failing, true); // vanishes without a goodbye: a failure
      await().atMost(30, SECONDS).until(() -> value(watcher, "alertcluster_cluster_peers_failed_total") == 1);

      assertThat(value(watcher, "alertmanager_cluster_peers_left_total"))
          .as("Alertmanager's counter: the leave and the failure").isEqualTo(2);
      assertThat(value(watcher, "alertcluster_cluster_peers_left_total")).isEqualTo(1);
      assertThat(value(watcher, "alertcluster_cluster_peers_failed_total")).isEqualTo(1);
      assertThat(get(base(watcher) + "/metrics").body())
          .contains("# TYPE alertmanager_cluster_peers_left_total counter");
    }
  }

  /** The value of an unlabelled series on the replica's /metrics. */
  private static long value(Node node, String series) throws Exception {
    String body = get(base(node) + "/metrics").body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(body);
    assertThat(m.find()).as(series + " on /metrics").isTrue();
    return Long.parseLong(m.group(1));
  }
}
