package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.notify.PipelineStats;

/** {@code /api/v2/status}, {@code /api/v2/cluster/stats} and {@code /-/ready}. */
final class StatusEndpoint {

  private final Replica node;

  StatusEndpoint(Replica node) {
    this.node = node;
  }

  void ready(HttpExchange ex) throws IOException {
    if (node.isReady()) {
      ApiServer.sendText(ex, 200, "OK");
    } else {
      ApiServer.sendText(ex, 503, "Service Unavailable: the cluster peer is still settling");
    }
  }

  void status(HttpExchange ex) throws IOException {
    Map<String, Object> cluster = new LinkedHashMap<>();
    Peer peer = node.peer().orElse(null);
    if (peer == null) {
      cluster.put("status", "disabled");
      cluster.put("peers", List.of());
    } else {
      cluster.put("name", peer.name());
      cluster.put("status", peer.status().apiValue());
      cluster.put("peers", members(peer));
    }
    BuildInfo build = BuildInfo.current();
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("branch", build.branch());
    version.put("buildDate", "");
    version.put("buildUser", "");
    version.put("goVersion", "java " + System.getProperty("java.version"));
    version.put("revision", build.revision());
    version.put("version", build.version());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", cluster);
    out.put("config", Map.of("original", node.config().original()));
    out.put("uptime", node.startedAt().toString());
    out.put("versionInfo", version);
    ApiServer.sendJson(ex, 200, out);
  }

  void stats(HttpExchange ex) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    Peer peer = node.peer().orElse(null);
    out.put("name", peer == null ? "" : peer.name());
    out.put("status", peer == null ? "disabled" : peer.status().apiValue());
    out.put("position", peer == null ? 0 : peer.position());
    out.put("clusterSize", peer == null ? 1 : peer.clusterSize());
    out.put("members", peer == null ? List.of() : members(peer));
    out.put("silences", node.silences().size());
    out.put("activeSilences", node.silences().activeCount());
    out.put("nflogEntries", node.nflog().size());
    out.put("alerts", node.alerts().list().size());
    out.put("groups", node.dispatcher().groups().size());
    PipelineStats s = node.stats();
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("sent", s.notificationsSent.get());
    n.put("failed", s.notificationsFailed.get());
    n.put("deduplicated", s.deduplicated.get());
    n.put("silencedAlerts", s.silencedAlerts.get());
    n.put("unsettledFlushes", s.unsettledFlushes.get());
    n.put("flushes", s.flushes.get());
    out.put("notifications", n);
    if (peer != null) {
      ClusterMetrics m = peer.metrics();
      Map<String, Object> c = new LinkedHashMap<>();
      m.asMap().forEach((metric, value) -> c.put(metric.attributeName(), value));
      out.put("cluster", c);
    }
    ApiServer.sendJson(ex, 200, out);
  }

  private static List<Map<String, String>> members(Peer peer) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Member m : peer.members()) {
      Map<String, String> mm = new LinkedHashMap<>();
      mm.put("name", m.name());
      mm.put("address", m.address());
      out.add(mm);
    }
    return out;
  }
}
