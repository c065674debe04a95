package org.alertcluster.examples.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.alertcluster.examples.model.Alert;

/**
 * The alerts that share a route's group labels, notified together. Thread-safe; the
 * {@link Dispatcher} drives its timer.
 */
public final class AggregationGroup {

  private final String key;
  private final org.alertcluster.examples.config.RouteConfig route;
  private final Map<String, String> groupLabels;
  private final Map<Long, Alert> alerts = new HashMap<>();
  private ScheduledFuture<?> timer;
  private boolean hasFlushed;
  private boolean stopped;

  AggregationGroup(String key, org.alertcluster.examples.config.RouteConfig route, Map<String, String> groupLabels) {
    this.key = key;
    this.route = route;
    this.groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
  }

  /**
   * The group key as Alertmanager forms it for the root route: {@code {}:{name="value", ...}}.
   *
   * @param groupLabels the group labels
   * @return the key
   */
  public static String keyOf(Map<String, String> groupLabels) {
    return keyOf("{}", groupLabels);
  }

  /**
   * The group key as Alertmanager forms it: the route's key, a colon, the group labels.
   *
   * @param routeKey the route's key, e.g. {@code {}/{severity="page"}}
   * @param groupLabels the group labels
   * @return the key
   */
  public static String keyOf(String routeKey, Map<String, String> groupLabels) {
    StringBuilder b = new StringBuilder(routeKey).append(":{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(groupLabels).entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return b.append('}').toString();
  }

  /** @return the group key */
  public String key() {
    return key;
  }

  /** @return the route whose receiver and timings this group uses */
  public org.alertcluster.examples.config.RouteConfig route() {
    return route;
  }

  /** @return the group labels */
  public Map<String, String> groupLabels() {
    return groupLabels;
  }

  synchronized void insert(Alert a) {
    alerts.put(a.fingerprint(), a);
  }

  /** @return a copy of the alerts, ordered by fingerprint */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>(alerts.values());
    out.sort(java.util.Comparator.comparing(a -> org.alertcluster.examples.model.Fingerprint.hex(a.fingerprint())));
    return out;
  }

  /**
   * After a successful flush, drops the resolved alerts it notified (or deduplicated) unless they
   * changed since, as Alertmanager's {@code DeleteIfNotModified}: an alert re-sent during the flush is
   * kept.
   *
   * @param resolved the alerts the flush found resolved
   * @return true if the group is now empty
   */
  synchronized boolean removeResolved(List<Alert> resolved) {
    for (Alert a : resolved) {
      if (a.equals(alerts.get(a.fingerprint()))) {
        alerts.remove(a.fingerprint());
      }
    }
    return alerts.isEmpty();
  }

  synchronized boolean isEmpty() {
    return alerts.isEmpty();
  }

  synchronized boolean hasFlushed() {
    return hasFlushed;
  }

  synchronized void markFlushed() {
    hasFlushed = true;
  }

  synchronized boolean setTimer(ScheduledFuture<?> f) {
    if (stopped) {
      f.cancel(false);
      return false;
    }
    timer = f;
    return true;
  }

  synchronized void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  synchronized boolean stopped() {
    return stopped;
  }
}
