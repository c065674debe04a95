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
 * The alerts this replica has received through its API, by fingerprint: Alertmanager's
 * {@code provider/mem}. Not replicated: as in Alertmanager, every client sends its alerts to every
 * replica, and re-sends them while they fire.
 *
 * <p>A received alert whose fingerprint is held is {@linkplain Alert#mergedWith merged} into the held
 * one when their activity ranges {@linkplain Alert#overlaps overlap} (a re-send: {@code endsAt} moves
 * forward, {@code updatedAt} moves, {@code startsAt} stays the earliest), and replaces it otherwise
 * (a new occurrence after the old one ended). Every stored alert is passed on to the dispatcher.
 * Thread-safe: puts of the same fingerprint are serialized.
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
   * Adds or updates alerts. Serialized, so that the dispatcher sees the merged versions of one
   * fingerprint in the order they were stored.
   *
   * @param batch the alerts received
   */
  public synchronized void put(List<Alert> batch) {
    Instant now = clock.instant();
    for (Alert a : batch) {
      Alert merged = alerts.merge(a.fingerprint(), a,
          (old, neu) -> old.overlaps(neu) ? old.mergedWith(neu, now) : neu);
      onChange.accept(merged);
    }
  }

  /**
   * The alert held for a fingerprint.
   *
   * @param fingerprint the label fingerprint
   * @return the alert, if held
   */
  public java.util.Optional<Alert> get(long fingerprint) {
    return java.util.Optional.ofNullable(alerts.get(fingerprint));
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
