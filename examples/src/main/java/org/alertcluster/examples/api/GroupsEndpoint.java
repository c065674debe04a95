package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.config.ReceiverConfig;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.notify.AggregationGroup;

/**
 * {@code GET /api/v2/receivers} and {@code GET /api/v2/alerts/groups}, in Alertmanager's shapes (amtool
 * and Grafana's Alertmanager data source read them).
 */
final class GroupsEndpoint {

  private final Replica node;

  GroupsEndpoint(Replica node) {
    this.node = node;
  }

  void receivers(HttpExchange ex) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (ReceiverConfig r : node.config().receivers()) {
      out.add(Map.of("name", r.name()));
    }
    ApiServer.sendJson(ex, 200, out);
  }

  /** Each aggregation group with its alerts, filtered as Alertmanager filters them. */
  void groups(HttpExchange ex) throws IOException {
    AlertsEndpoint.Filter f = AlertsEndpoint.Filter.of(ex);
    Instant now = Instant.now();
    List<Map<String, Object>> out = new ArrayList<>();
    List<AggregationGroup> groups = node.dispatcher().groups();
    groups.sort(java.util.Comparator.comparing(AggregationGroup::key));
    for (AggregationGroup g : groups) {
      String receiver = g.route().receiver();
      if (f.receiver != null && !f.receiver.matcher(receiver).matches()) {
        continue;
      }
      List<Map<String, Object>> alerts = new ArrayList<>();
      for (Alert a : g.alerts()) {
        if (a.resolvedAt(now)) {
          continue;
        }
        List<String> receivers = node.config().route().match(a.labels()).stream()
            .map(r -> r.receiver()).distinct().toList();
        Map<String, Object> m = AlertsEndpoint.json(node, a, receivers, f);
        if (m != null) {
          alerts.add(m);
        }
      }
      if (alerts.isEmpty()) {
        continue;
      }
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("alerts", alerts);
      gm.put("labels", g.groupLabels());
      gm.put("receiver", Map.of("name", receiver));
      out.add(gm);
    }
    ApiServer.sendJson(ex, 200, out);
  }
}
