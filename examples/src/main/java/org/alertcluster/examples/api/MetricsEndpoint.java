package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.notify.PipelineStats;
import org.alertcluster.examples.silence.Silence;

/**
 * {@code GET /metrics} in the Prometheus text format, under Alertmanager's metric names where one
 * exists, so existing dashboards and alerts on a cluster keep working: the cluster, silence and alert
 * gauges written here from their sources, then the node's Micrometer registry
 * ({@link ReplicaMetrics}).
 */
final class MetricsEndpoint {

  private final Replica node;

  MetricsEndpoint(Replica node) {
    this.node = node;
  }

  void metrics(HttpExchange ex) throws IOException {
    StringBuilder b = new StringBuilder();
    Peer peer = node.peer().orElse(null);
    gauge(b, "alertmanager_cluster_enabled", "Indicates whether the clustering is enabled or not.", peer == null ? 0 : 1);
    if (peer != null) {
      ClusterMetrics m = peer.metrics();
      gauge(b, "alertmanager_cluster_members", "Number indicating current number of members in cluster.", m.members());
      gauge(b, "alertmanager_cluster_failed_peers", "Number indicating the current number of failed peers in the cluster.", m.failedPeers());
      gauge(b, "alertmanager_peer_position", "Position the Alertmanager instance believes it is in.", m.position());
      gauge(b, "alertmanager_cluster_ready", "1 when the peer has settled (or its settle timeout passed).", peer.status().isReady() ? 1 : 0);
      counter(b, "alertmanager_cluster_peers_joined_total", "A counter of the number of peers that have joined.", m.peersJoined());
      counter(b, "alertmanager_cluster_peers_left_total", "A counter of the number of peers that have left.", m.peersLeft());
      counter(b, "alertmanager_cluster_reconnections_total", "A counter of the number of cluster peer reconnections.", m.reconnections());
      counter(b, "alertmanager_cluster_peer_name_conflicts_total", "Total number of times memberlist has noticed conflicting peer names.", m.nameConflicts());
      header(b, "alertmanager_cluster_messages_sent_total", "Total number of cluster messages sent.", "counter");
      b.append("alertmanager_cluster_messages_sent_total{msg_type=\"update\"} ").append(m.updatesSent()).append('\n');
      b.append("alertmanager_cluster_messages_sent_total{msg_type=\"full_state\"} ").append(m.fullStatesSent()).append('\n');
      header(b, "alertmanager_cluster_messages_received_total", "Total number of cluster messages received.", "counter");
      b.append("alertmanager_cluster_messages_received_total{msg_type=\"update\"} ").append(m.updatesReceived()).append('\n');
      b.append("alertmanager_cluster_messages_received_total{msg_type=\"full_state\"} ").append(m.fullStatesReceived()).append('\n');
      gauge(b, "alertmanager_cluster_messages_queued", "Number of cluster messages which are queued.", m.queueDepth());
      counter(b, "alertmanager_cluster_messages_pruned_total", "Total number of cluster messages pruned.", m.messagesPruned());
      counter(b, "alertcluster_merges_failed_total", "Merges a State rejected (malformed data from a peer).", m.mergesFailed());
    }
    Instant now = Instant.now();
    Map<Silence.Status, Integer> silences = new EnumMap<>(Silence.Status.class);
    for (Silence.Status s : Silence.Status.values()) {
      silences.put(s, 0);
    }
    node.silences().list().forEach(s -> silences.merge(s.statusAt(now), 1, Integer::sum));
    header(b, "alertmanager_silences", "How many silences by state.", "gauge");
    silences.forEach((k, v) -> b.append("alertmanager_silences{state=\"").append(k.apiValue()).append("\"} ")
        .append(v).append('\n'));
    int active = 0;
    int suppressed = 0;
    for (Alert a : node.alerts().list()) {
      if (a.resolvedAt(now)) {
        continue;
      }
      if (node.silences().mutedBy(a.labels()).isEmpty()) {
        active++;
      } else {
        suppressed++;
      }
    }
    header(b, "alertmanager_alerts", "How many alerts by state.", "gauge");
    b.append("alertmanager_alerts{state=\"active\"} ").append(active).append('\n');
    b.append("alertmanager_alerts{state=\"suppressed\"} ").append(suppressed).append('\n');
    gauge(b, "alertcluster_nflog_entries", "Entries in the replicated notification log.", node.nflog().size());
    PipelineStats s = node.stats();
    counter(b, "alertcluster_notifications_deduplicated_total",
        "Flushes that found the notification log up to date (another replica, or an earlier flush, sent).", s.deduplicated.get());
    // Config, build, received alerts, HTTP, notifications by integration, JVM and process: Micrometer.
    b.append(node.metrics().scrape());
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    header(b, name, help, "gauge");
    b.append(name).append(' ').append(value).append('\n');
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    header(b, name, help, "counter");
    b.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder b, String name, String help, String type) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}
