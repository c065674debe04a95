package org.alertcluster.examples.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.Silence;

/**
 * The JSON of a silence, in Alertmanager's API v2 shapes: {@code PostableSilence} in (what
 * {@code POST /api/v2/silences} takes from amtool, Grafana or curl) and {@code GettableSilence} out
 * ({@code GET /api/v2/silences} and {@code /api/v2/silence/{id}}). Values are those of {@link Json}.
 */
final class SilenceJson {

  private SilenceJson() {}

  /**
   * A posted silence, checked field by field as Alertmanager's API checks it: {@code matchers}
   * (each with {@code name}, {@code value}, {@code isRegex}; {@code isEqual} defaults to true),
   * {@code startsAt}, {@code endsAt}, {@code createdBy} and {@code comment} are required; {@code id}
   * (to update a silence) is optional; other fields are ignored.
   *
   * @param body the request body as {@link Json#read} gives it
   * @param now the time the silence is stamped with
   * @return the silence (empty id to create)
   * @throws BadRequestException naming the field and the reason, e.g. "startsAt in body is required"
   */
  static Silence decode(Object body, Instant now) {
    Map<String, Object> s = Json.object(body, "body must be a silence object");
    String id = Json.text(s, "id", false);
    Object ms = s.get("matchers");
    if (ms == null) {
      throw new BadRequestException("matchers in body is required");
    }
    if (!(ms instanceof List<?> list)) {
      throw new BadRequestException("matchers in body must be of type array");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> m = Json.object(o, "matchers must be objects");
      String name = Json.text(m, "name", true);
      String value = Json.text(m, "value", true);
      if (!m.containsKey("isRegex")) {
        throw new BadRequestException("matchers.isRegex in body is required");
      }
      Matcher.Type type = Matcher.Type.of(Json.bool(m, "isRegex", false), Json.bool(m, "isEqual", true));
      try {
        matchers.add(new Matcher(name, value, type));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    Instant startsAt = Json.time(s, "startsAt", true);
    Instant endsAt = Json.time(s, "endsAt", true);
    String createdBy = Json.text(s, "createdBy", true);
    String comment = Json.text(s, "comment", true);
    return new Silence(id == null ? "" : id, matchers, startsAt, endsAt, createdBy, comment, now);
  }

  /**
   * A silence as the API shows it: {@code id}, {@code status.state} (active, pending or expired at
   * {@code now}), {@code updatedAt}, {@code matchers}, {@code startsAt}, {@code endsAt},
   * {@code createdBy}, {@code comment}, in that order.
   *
   * @param s the silence
   * @param now the time its state is given at
   * @return the value for {@link Json#write}
   */
  static Map<String, Object> encode(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("status", Map.of("state", s.statusAt(now).apiValue()));
    m.put("updatedAt", s.updatedAt());
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
    m.put("startsAt", s.startsAt());
    m.put("endsAt", s.endsAt());
    m.put("createdBy", s.createdBy());
    m.put("comment", s.comment());
    return m;
  }

  /**
   * The answer to a post: {@code {"silenceID": id}}.
   *
   * @param id the new or updated silence's id
   * @return the value for {@link Json#write}
   */
  static Map<String, Object> posted(String id) {
    return Map.of("silenceID", id);
  }
}
