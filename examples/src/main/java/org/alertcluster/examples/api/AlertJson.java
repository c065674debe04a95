package org.alertcluster.examples.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;
import org.alertcluster.examples.model.Matcher;

/**
 * The JSON of an alert, in Alertmanager's API v2 shapes: {@code PostableAlert} in (what Prometheus
 * and amtool send to {@code POST /api/v2/alerts}, an array of them) and {@code GettableAlert} out
 * ({@code GET /api/v2/alerts}, and each group's alerts in {@code /api/v2/alerts/groups}). Values are
 * those of {@link Json}.
 */
final class AlertJson {

  private AlertJson() {}

  /**
   * A posted alert's fields, checked as Alertmanager checks them; times absent, empty or Go's zero
   * time are null, and the endpoint fills them in.
   *
   * @param labels at least one; valid label names, non-empty values
   * @param annotations possibly empty
   * @param startsAt null when not set
   * @param endsAt null when not set
   * @param generatorUrl null when not set
   */
  record Posted(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
      String generatorUrl) {}

  /**
   * One element of a posted array.
   *
   * @param a the element as {@link Json#read} gives it
   * @return its fields
   * @throws BadRequestException naming the field and the reason, e.g. "labels in body is required"
   */
  static Posted decode(Object a) {
    Map<String, Object> o = Json.object(a, "must be an object");
    Map<String, String> labels = Json.stringMap(o, "labels", true);
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
    Map<String, String> annotations = Json.stringMap(o, "annotations", false);
    // Go's zero time (amtool sends it for both) means "not set", as a missing field does.
    Instant startsAt = Json.time(o, "startsAt", false);
    Instant endsAt = Json.time(o, "endsAt", false);
    return new Posted(labels, annotations, startsAt, endsAt, Json.text(o, "generatorURL", false));
  }

  /**
   * An alert as the API shows it, with its receivers and what mutes it ({@code status.state} is
   * {@code suppressed} when a silence or an inhibition does, else {@code active}).
   *
   * @param a the alert
   * @param receivers the names of the receivers its routes reach
   * @param silencedBy ids of the silences that mute it
   * @param inhibitedBy fingerprints of the alerts that inhibit it
   * @return the value for {@link Json#write}
   */
  static Map<String, Object> encode(Alert a, List<String> receivers, List<String> silencedBy,
      List<String> inhibitedBy) {
    boolean suppressed = !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("annotations", a.annotations());
    m.put("endsAt", a.endsAt());
    m.put("fingerprint", Fingerprint.hex(a.fingerprint()));
    m.put("receivers", receivers.stream().map(r -> Map.of("name", r)).toList());
    m.put("startsAt", a.startsAt());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("inhibitedBy", inhibitedBy);
    status.put("silencedBy", silencedBy);
    status.put("mutedBy", List.of());
    status.put("state", suppressed ? "suppressed" : "active");
    m.put("status", status);
    m.put("updatedAt", a.updatedAt());
    m.put("generatorURL", a.generatorURL());
    m.put("labels", a.labels());
    return m;
  }
}
