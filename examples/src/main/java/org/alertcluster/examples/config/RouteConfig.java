package org.alertcluster.examples.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The top-level {@code route}: every alert goes to one receiver, grouped by {@code group_by}.
 *
 * @param receiver the receiver's name
 * @param groupBy label names to group by; {@code ["..."]} groups by all labels
 * @param groupWait how long a new group waits before its first notification (default 30 s)
 * @param groupInterval how long between notifications about changes to a group (default 5 m)
 * @param repeatInterval how long before an unchanged group is notified again (default 4 h)
 */
public record RouteConfig(String receiver, List<String> groupBy, Duration groupWait,
    Duration groupInterval, Duration repeatInterval) {

  /** Alertmanager's defaults. */
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  /** Alertmanager's default group interval. */
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  /** Alertmanager's default repeat interval. */
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** Copies the list and rejects nulls. */
  public RouteConfig {
    Objects.requireNonNull(receiver, "receiver");
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(groupInterval, "groupInterval");
    Objects.requireNonNull(repeatInterval, "repeatInterval");
  }

  /** @return true if the route groups by every label ({@code group_by: ['...']}) */
  public boolean groupsByAll() {
    return groupBy.contains("...");
  }

  /**
   * The labels of an alert that define its group.
   *
   * @param labels the alert's labels
   * @return the grouping labels, sorted
   */
  public Map<String, String> groupLabels(Map<String, String> labels) {
    if (groupsByAll()) {
      return new TreeMap<>(labels);
    }
    Map<String, String> out = new TreeMap<>();
    for (String name : groupBy) {
      String v = labels.get(name);
      if (v != null && !v.isEmpty()) {
        out.put(name, v);
      }
    }
    return out;
  }
}
