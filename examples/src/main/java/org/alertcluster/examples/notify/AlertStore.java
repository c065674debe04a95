package org.alertcluster.examples.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;

/**
 * The alerts this replica has received through its API, by fingerprint. Not replicated: as in
 * Alertmanager, every client sends its alerts to every replica.
 */
public final class AlertStore {

  private final Map<Long, Alert> alerts = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Consumer<Alert> onChange;

  /**
   * @param clock the clock
   * @param onChange told of every alert put (the dispatcher)
   */
  public AlertStore(Clock clock, Consumer<Alert> onChange) {
    this.clock = clock;
    this.onChange = onChange;
  }

  /**
   * Adds or updates alerts.
   *
   * @param batch the alerts received
   */
  public void put(List<Alert> batch) {
    Instant now = clock.instant();
    for (Alert a : batch) {
      Alert merged = alerts.merge(a.fingerprint(), a, (old, neu) -> old.mergedWith(neu, now));
      onChange.accept(merged);
    }
  }

  /** @return every alert held, ordered by fingerprint */
  public List<Alert> list() {
    List<Alert> out = new ArrayList<>(alerts.values());
    out.sort(Comparator.comparing(a -> Fingerprint.hex(a.fingerprint())));
    return out;
  }

  /**
   * Forgets alerts that resolved more than {@code after} ago.
   *
   * @param after how long resolved alerts are kept
   * @return how many were dropped
   */
  public int gc(Duration after) {
    Instant cutoff = clock.instant().minus(after);
    int before = alerts.size();
    alerts.values().removeIf(a -> a.endsAt().isBefore(cutoff));
    return before - alerts.size();
  }
}
