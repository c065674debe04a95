package org.alertcluster.examples.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.alertcluster.examples.model.Matcher;

/**
 * One node of Alertmanager's routing tree. Values a child does not set are inherited from its parent
 * when the file is read ({@code receiver}, {@code group_by}, {@code group_wait},
 * {@code group_interval}, {@code repeat_interval}), so every node carries its effective settings.
 *
 * @param receiver the receiver's name
 * @param groupBy label names to group by; {@code ["..."]} groups by all labels
 * @param groupWait how long a new group waits before its first notification (default 30 s)
 * @param groupInterval how long between notifications about changes to a group (default 5 m)
 * @param repeatInterval how long before an unchanged group is notified again (default 4 h)
 * @param matchers what an alert must match to enter this route ({@code matchers}, {@code match},
 *     {@code match_re} together), sorted as Alertmanager sorts them; empty for the root
 * @param continueMatching {@code continue}: after matching, later siblings are tried too
 * @param routes the child routes, tried in order
 * @param key Alertmanager's route key, e.g. {@code {}/{severity="page"}}: the prefix of group keys
 */
public record RouteConfig(String receiver, List<String> groupBy, Duration groupWait,
    Duration groupInterval, Duration repeatInterval, List<Matcher> matchers, boolean continueMatching,
    List<RouteConfig> routes, String key) {

  /** Alertmanager's defaults. */
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  /** Alertmanager's default group interval. */
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  /** Alertmanager's default repeat interval. */
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** Copies the lists and rejects nulls. */
  public RouteConfig {
    Objects.requireNonNull(receiver, "receiver");
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(groupInterval, "groupInterval");
    Objects.requireNonNull(repeatInterval, "repeatInterval");
    matchers = List.copyOf(matchers);
    routes = List.copyOf(routes);
    Objects.requireNonNull(key, "key");
  }

  /**
   * A root route without children.
   *
   * @param receiver the receiver
   * @param groupBy group labels
   * @param groupWait group wait
   * @param groupInterval group interval
   * @param repeatInterval repeat interval
   */
  public RouteConfig(String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
      Duration repeatInterval) {
    this(receiver, groupBy, groupWait, groupInterval, repeatInterval, List.of(), false, List.of(), "{}");
  }

  /**
   * The key of a route below a parent, as Alertmanager's {@code Route.Key()}: the parent's key, a
   * slash, and the sorted matchers in braces.
   *
   * @param parentKey the parent's key, or null for the root
   * @param sortedMatchers the route's matchers, sorted
   * @return the key
   */
  public static String keyOf(String parentKey, List<Matcher> sortedMatchers) {
    StringBuilder b = new StringBuilder();
    if (parentKey != null) {
      b.append(parentKey).append('/');
    }
    b.append('{');
    for (int i = 0; i < sortedMatchers.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(sortedMatchers.get(i));
    }
    return b.append('}').toString();
  }

  /** @return true if the route groups by every label ({@code group_by: ['...']}) */
  public boolean groupsByAll() {
    return groupBy.contains("...");
  }

  /**
   * The routes an alert goes to, as Alertmanager's {@code Route.Match}: depth first, the first
   * matching child stops the search among its siblings unless it has {@code continue: true}; a route
   * none of whose children match takes the alert itself.
   *
   * @param labels the alert's labels
   * @return the matching routes, empty only if this route's own matchers do not match
   */
  public List<RouteConfig> match(Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return List.of();
      }
    }
    List<RouteConfig> all = new ArrayList<>();
    for (RouteConfig child : routes) {
      List<RouteConfig> found = child.match(labels);
      all.addAll(found);
      if (!found.isEmpty() && !child.continueMatching()) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(this);
    }
    return all;
  }

  /** @return this route and all below it, depth first */
  public List<RouteConfig> flatten() {
    List<RouteConfig> out = new ArrayList<>();
    out.add(this);
    routes.forEach(r -> out.addAll(r.flatten()));
    return out;
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
