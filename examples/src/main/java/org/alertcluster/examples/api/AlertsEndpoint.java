package org.alertcluster.examples.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;
import org.alertcluster.examples.model.Matcher;

/** {@code GET} and {@code POST /api/v2/alerts}, with Alertmanager's shapes and validation. */
final class AlertsEndpoint {

  private final Replica node;

  AlertsEndpoint(Replica node) {
    this.node = node;
  }

  void post(HttpExchange ex) throws IOException {
    JsonNode body = ApiServer.readJson(ex);
    if (!body.isArray()) {
      throw new BadRequestException("body must be an array of alerts");
    }
    Instant now = Instant.now();
    List<Alert> batch = new ArrayList<>();
    int i = 0;
    for (JsonNode a : body) {
      try {
        batch.add(parse(a, now));
      } catch (BadRequestException e) {
        throw new BadRequestException("alert " + i + ": " + e.getMessage());
      }
      i++;
    }
    node.alerts().put(batch);
    ApiServer.sendJson(ex, 200, Map.of());
  }

  private Alert parse(JsonNode a, Instant now) {
    if (!a.isObject()) {
      throw new BadRequestException("must be an object");
    }
    Map<String, String> labels = Json.stringMap(a, "labels", true);
    if (labels.isEmpty()) {
      throw new BadRequestException("at least one label pair required");
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!Matcher.LABEL_NAME.matcher(e.getKey()).matches()) {
        throw new BadRequestException("invalid label set: invalid name \"" + e.getKey() + "\"");
      }
      if (e.getValue().isEmpty()) {
        throw new BadRequestException("invalid label set: empty value for \"" + e.getKey() + "\"");
      }
    }
    Map<String, String> annotations = Json.stringMap(a, "annotations", false);
    Instant startsAt = Json.time(a, "startsAt", false);
    Instant endsAt = Json.time(a, "endsAt", false);
    if (startsAt == null) {
      startsAt = endsAt != null && endsAt.isBefore(now) ? endsAt : now;
    }
    if (endsAt == null) {
      endsAt = now.plus(node.config().resolveTimeout());
    }
    if (endsAt.isBefore(startsAt)) {
      throw new BadRequestException("start time must be before end time");
    }
    return new Alert(labels, annotations, startsAt, endsAt, Json.text(a, "generatorURL", false), now);
  }

  void list(HttpExchange ex) throws IOException {
    boolean active = ApiServer.boolParam(ex, "active", true);
    boolean silenced = ApiServer.boolParam(ex, "silenced", true);
    ApiServer.boolParam(ex, "inhibited", true); // validated; nothing is inhibited here
    ApiServer.boolParam(ex, "unprocessed", true);
    List<Matcher> filter = FilterParser.parse(ApiServer.queryParams(ex, "filter"));
    Instant now = Instant.now();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : node.alerts().list()) {
      if (a.resolvedAt(now) || !filter.stream().allMatch(m -> m.matches(a.labels()))) {
        continue;
      }
      List<String> silencedBy = node.silences().mutedBy(a.labels());
      if ((!silencedBy.isEmpty() && !silenced) || (silencedBy.isEmpty() && !active)) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("annotations", a.annotations());
      m.put("endsAt", a.endsAt().toString());
      m.put("fingerprint", Fingerprint.hex(a.fingerprint()));
      m.put("receivers", List.of(Map.of("name", node.config().route().receiver())));
      m.put("startsAt", a.startsAt().toString());
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("inhibitedBy", List.of());
      status.put("silencedBy", silencedBy);
      status.put("mutedBy", List.of());
      status.put("state", silencedBy.isEmpty() ? "active" : "suppressed");
      m.put("status", status);
      m.put("updatedAt", a.updatedAt().toString());
      m.put("generatorURL", a.generatorURL());
      m.put("labels", a.labels());
      out.add(m);
    }
    ApiServer.sendJson(ex, 200, out);
  }
}
