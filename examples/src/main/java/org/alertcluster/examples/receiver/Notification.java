package org.alertcluster.examples.receiver;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alertcluster.examples.model.Alert;

/**
 * What one flush of an aggregation group sends to one receiver integration.
 *
 * @param groupKey the group's key
 * @param receiver the receiver's name
 * @param groupLabels the labels the group is keyed by
 * @param alerts the alerts to send (silenced ones already removed)
 * @param now the time of the flush, deciding firing or resolved
 */
public record Notification(String groupKey, String receiver, Map<String, String> groupLabels,
    List<Alert> alerts, Instant now) {

  /** Copies the collections. */
  public Notification {
    groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
    alerts = List.copyOf(alerts);
  }

  /** @return {@code firing} if any alert is firing, else {@code resolved} */
  public String status() {
    return alerts.stream().anyMatch(a -> !a.resolvedAt(now)) ? "firing" : "resolved";
  }

  /** @return the labels every alert has with the same value */
  public Map<String, String> commonLabels() {
    return common(alerts.stream().map(Alert::labels).toList());
  }

  /** @return the annotations every alert has with the same value */
  public Map<String, String> commonAnnotations() {
    return common(alerts.stream().map(Alert::annotations).toList());
  }

  /**
   * The same notification with only some alerts.
   *
   * @param subset the alerts
   * @return the copy
   */
  public Notification withAlerts(List<Alert> subset) {
    return new Notification(groupKey, receiver, groupLabels, subset, now);
  }

  private static Map<String, String> common(List<Map<String, String>> sets) {
    Map<String, String> out = new TreeMap<>();
    if (sets.isEmpty()) {
      return out;
    }
    out.putAll(sets.get(0));
    for (Map<String, String> s : sets.subList(1, sets.size())) {
      out.entrySet().removeIf(e -> !e.getValue().equals(s.get(e.getKey())));
    }
    return out;
  }
}
