package org.alertcluster.examples.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.SilenceNotFoundException;

/** {@code /api/v2/silences} and {@code /api/v2/silence/{id}}, with Alertmanager's shapes and codes. */
final class SilencesEndpoint {

  private final Replica node;

  SilencesEndpoint(Replica node) {
    this.node = node;
  }

  void post(HttpExchange ex) throws IOException {
    Silence s = parse(ApiServer.readJson(ex), Instant.now());
    String newId;
    try {
      newId = node.silences().set(s);
    } catch (SilenceNotFoundException e) {
      ApiServer.sendError(ex, 404, e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    ApiServer.sendJson(ex, 200, Map.of("silenceID", newId));
  }

  /**
   * A posted silence, checked field by field as Alertmanager's API checks it.
   *
   * @param body the request body
   * @param now the time the silence is stamped with
   * @return the silence (empty id to create)
   * @throws BadRequestException naming the field and the reason
   */
  static Silence parse(JsonNode body, Instant now) {
    if (!body.isObject()) {
      throw new BadRequestException("body must be a silence object");
    }
    String id = Json.text(body, "id", false);
    JsonNode ms = body.get("matchers");
    if (ms == null || ms.isNull()) {
      throw new BadRequestException("matchers in body is required");
    }
    if (!ms.isArray()) {
      throw new BadRequestException("matchers in body must be of type array");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (JsonNode m : ms) {
      if (!m.isObject()) {
        throw new BadRequestException("matchers must be objects");
      }
      String name = Json.text(m, "name", true);
      String value = Json.text(m, "value", true);
      if (m.get("isRegex") == null) {
        throw new BadRequestException("matchers.isRegex in body is required");
      }
      Matcher.Type type = Matcher.Type.of(Json.bool(m, "isRegex", false), Json.bool(m, "isEqual", true));
      try {
        matchers.add(new Matcher(name, value, type));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    Instant startsAt = Json.time(body, "startsAt", true);
    Instant endsAt = Json.time(body, "endsAt", true);
    String createdBy = Json.text(body, "createdBy", true);
    String comment = Json.text(body, "comment", true);
    return new Silence(id == null ? "" : id, matchers, startsAt, endsAt, createdBy, comment, now);
  }

  void list(HttpExchange ex) throws IOException {
    List<Matcher> filter = FilterParser.parse(ApiServer.queryParams(ex, "filter"));
    ApiServer.sendJson(ex, 200, listing(node.silences().list(), filter, Instant.now()));
  }

  /**
   * The body of {@code GET /api/v2/silences}: the silences matching every filter, in Alertmanager's
   * order. Also run by {@link ApiWarmUp}, so that the first listing after a start is not slow.
   *
   * @param silences every silence held
   * @param filter the parsed {@code filter} parameters (all must match)
   * @param now the time statuses are judged at
   * @return one JSON object per silence
   */
  static List<Map<String, Object>> listing(List<Silence> silences, List<Matcher> filter, Instant now) {
    List<Silence> all = new ArrayList<>();
    for (Silence s : silences) {
      if (filter.stream().allMatch(f -> s.matchers().stream().anyMatch(m -> m.name().equals(f.name())
          && f.matches(m.value())))) {
        all.add(s);
      }
    }
    // Alertmanager's order: active by end, then pending by start, then expired, latest end first.
    all.sort(Comparator.<Silence>comparingInt(s -> switch (s.statusAt(now)) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    }).thenComparing((a, b) -> switch (a.statusAt(now)) {
      case ACTIVE -> a.endsAt().compareTo(b.endsAt());
      case PENDING -> a.startsAt().compareTo(b.startsAt());
      case EXPIRED -> b.endsAt().compareTo(a.endsAt());
    }));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Silence s : all) {
      out.add(toJson(s, now));
    }
    return out;
  }

  void get(HttpExchange ex, String id) throws IOException {
    var s = node.silences().find(id);
    if (s.isEmpty()) {
      ApiServer.sendError(ex, 404, "silence " + id + " not found");
      return;
    }
    ApiServer.sendJson(ex, 200, toJson(s.get(), Instant.now()));
  }

  void delete(HttpExchange ex, String id) throws IOException {
    try {
      node.silences().expire(id);
    } catch (SilenceNotFoundException e) {
      ApiServer.sendError(ex, 404, e.getMessage());
      return;
    }
    ApiServer.sendJson(ex, 200, Map.of());
  }

  static Map<String, Object> toJson(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("status", Map.of("state", s.statusAt(now).apiValue()));
    m.put("updatedAt", s.updatedAt().toString());
    List<Map<String, Object>> ms = new ArrayList<>();
    for (Matcher x : s.matchers()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("name", x.name());
      mm.put("value", x.value());
      mm.put("isRegex", x.type().isRegex());
      mm.put("isEqual", x.type().isEqual());
      ms.add(mm);
    }
    m.put("matchers", ms);
    m.put("startsAt", s.startsAt().toString());
    m.put("endsAt", s.endsAt().toString());
    m.put("createdBy", s.createdBy());
    m.put("comment", s.comment());
    return m;
  }
}
