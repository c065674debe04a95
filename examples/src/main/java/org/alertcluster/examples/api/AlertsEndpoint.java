package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Matcher;

/**
 * {@code GET} and {@code POST /api/v2/alerts}, with Alertmanager's shapes and validation. A posted
 * alert gets {@code updatedAt} = now; an unset start or end (absent, empty, or Go's zero time as
 * amtool sends) is filled in as Alertmanager's API does (see the {@code notify} package documentation);
 * the store then merges it with the alert it holds.
 */
final class AlertsEndpoint {

  private final Replica node;

  AlertsEndpoint(Replica node) {
    this.node = node;
  }

  void post(HttpExchange ex) throws IOException {
    if (!(ApiServer.readJson(ex) instanceof List<?> body)) {
      throw new BadRequestException("body must be an array of alerts");
    }
    Instant now = Instant.now();
    List<Alert> batch = new ArrayList<>();
    int i = 0;
    for (Object a : body) {
      try {
        batch.add(parse(a, now));
      } catch (BadRequestException e) {
        node.metrics().alertsInvalid();
        throw new BadRequestException("alert " + i + ": " + e.getMessage());
      }
      i++;
    }
    batch.forEach(a -> node.metrics().alertReceived(a.resolvedAt(now)));
    node.alerts().put(batch);
    ApiServer.sendJson(ex, 200, Map.of());
  }

  /** A posted alert with Alertmanager's defaults for the times it leaves unset. */
  private Alert parse(Object a, Instant now) {
    AlertJson.Posted p = AlertJson.decode(a);
    Instant startsAt = p.startsAt();
    Instant endsAt = p.endsAt();
    if (startsAt == null) {
      // Alertmanager takes endsAt here; a start in the future would be meaningless, so only an end
      // already past is taken (a resolve of an alert this replica never saw).
      startsAt = endsAt != null && endsAt.isBefore(now) ? endsAt : now;
    }
    boolean timeout = endsAt == null;
    if (timeout) {
      endsAt = now.plus(node.config().resolveTimeout());
    }
    if (endsAt.isBefore(startsAt)) {
      throw new BadRequestException("start time must be before end time");
    }
    return new Alert(p.labels(), p.annotations(), startsAt, endsAt, p.generatorUrl(), now, timeout);
  }

  void list(HttpExchange ex) throws IOException {
    Filter f = Filter.of(ex);
    Instant now = Instant.now();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : node.alerts().list()) {
      if (a.resolvedAt(now)) {
        continue;
      }
      List<String> receivers = node.config().route().match(a.labels()).stream()
          .map(r -> r.receiver()).distinct().toList();
      if (f.receiver != null && receivers.stream().noneMatch(r -> f.receiver.matcher(r).matches())) {
        continue;
      }
      Map<String, Object> m = json(node, a, receivers, f);
      if (m != null) {
        out.add(m);
      }
    }
    ApiServer.sendJson(ex, 200, out);
  }

  /** The query parameters the alert list and the groups share. */
  static final class Filter {
    boolean active;
    boolean silenced;
    boolean inhibited;
    List<Matcher> matchers;
    com.google.re2j.Pattern receiver;

    static Filter of(HttpExchange ex) {
      Filter f = new Filter();
      f.active = ApiServer.boolParam(ex, "active", true);
      f.silenced = ApiServer.boolParam(ex, "silenced", true);
      f.inhibited = ApiServer.boolParam(ex, "inhibited", true);
      ApiServer.boolParam(ex, "unprocessed", true);
      f.matchers = FilterParser.parse(ApiServer.queryParams(ex, "filter"));
      List<String> r = ApiServer.queryParams(ex, "receiver");
      if (!r.isEmpty() && !r.get(0).isEmpty()) {
        try {
          f.receiver = com.google.re2j.Pattern.compile("^(?:" + r.get(0) + ")$");
        } catch (com.google.re2j.PatternSyntaxException e) {
          throw new BadRequestException("failed to parse receiver param: " + e.getMessage());
        }
      }
      return f;
    }
  }

  /**
   * An alert as the API shows it, or null when the filter leaves it out.
   */
  static Map<String, Object> json(Replica node, Alert a, List<String> receivers, Filter f) {
    if (!f.matchers.stream().allMatch(mt -> mt.matches(a.labels()))) {
      return null;
    }
    List<String> silencedBy = node.silences().mutedBy(a.labels());
    List<String> inhibitedBy = node.inhibitedBy(a.labels());
    boolean suppressed = !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
    if ((!silencedBy.isEmpty() && !f.silenced) || (!inhibitedBy.isEmpty() && !f.inhibited)
        || (!suppressed && !f.active)) {
      return null;
    }
    return AlertJson.encode(a, receivers, silencedBy, inhibitedBy);
  }
}
