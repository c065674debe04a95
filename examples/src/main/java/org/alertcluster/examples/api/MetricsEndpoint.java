package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alertcluster.api.ClusterMetric;
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
      // Alertmanager's name and value (memberlist's awareness score; JGroups' failure detection
      // has none, so 0 = healthy, as the Micrometer binder reports it); readiness under our name,
      // since Alertmanager exports none: the same two gauges as AlertclusterMetrics.
      gauge(b, "alertmanager_cluster_health_score", "Health score of the cluster. Lower values are better and zero means 'totally healthy'.", 0);
      gauge(b, "alertcluster_cluster_ready", "1 when the peer has settled (or its settle timeout passed).", peer.status().isReady() ? 1 : 0);
      cluster(b, peer.metrics());
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
    var c = node.claimStats();
    counter(b, "alertcluster_notification_claims_total", "Claims this replica wrote before sending.", c.claims.get());
    counter(b, "alertcluster_notification_claim_deferrals_total",
        "Delivery rounds in which this replica deferred to another replica's live claim.", c.deferrals.get());
    counter(b, "alertcluster_notification_claim_takeovers_total",
        "Claims taken after the previous owner left or failed.", c.takeovers.get());
    counter(b, "alertcluster_notification_claim_conflicts_total",
        "Times two live claims met and this replica backed off.", c.conflicts.get());
    // Config, build, received alerts, HTTP, notifications by integration, JVM and process: Micrometer.
    b.append(node.metrics().scrape());
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  /** Every {@link ClusterMetric} under its declared name, labels, help and type; families together. */
  private static void cluster(StringBuilder b, ClusterMetrics m) {
    Map<String, List<ClusterMetric>> families = new LinkedHashMap<>();
    for (ClusterMetric metric : ClusterMetric.values()) {
      families.computeIfAbsent(metric.prometheusName(), k -> new ArrayList<>()).add(metric);
    }
    families.forEach((family, metrics) -> {
      header(b, family, metrics.get(0).help(), metrics.get(0).type().name().toLowerCase(Locale.ROOT));
      for (ClusterMetric metric : metrics) {
        b.append(family);
        if (!metric.labels().isEmpty()) {
          b.append('{');
          metric.labels().forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
          b.setLength(b.length() - 1);
          b.append('}');
        }
        b.append(' ').append(m.get(metric)).append('\n');
      }
    });
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
