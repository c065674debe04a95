package org.alertcluster.examples.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert as Alertmanager holds it. An alert is firing until {@code endsAt}; a client that does not
 * know when it ends leaves it open and the API fills in {@code now + resolve_timeout}.
 *
 * @param labels identifying labels, sorted
 * @param annotations informational labels, sorted
 * @param startsAt when it started
 * @param endsAt when it ends (resolves)
 * @param generatorURL link to the source, possibly empty
 * @param updatedAt when this replica last received it
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
    Instant endsAt, String generatorURL, Instant updatedAt) {

  /** Copies the maps into sorted immutable ones and checks the times. */
  public Alert {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    generatorURL = generatorURL == null ? "" : generatorURL;
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** @return the label-set fingerprint */
  public long fingerprint() {
    return Fingerprint.of(labels);
  }

  /**
   * Whether the alert has resolved.
   *
   * @param now the current time
   * @return true if {@code endsAt} is not after now
   */
  public boolean resolvedAt(Instant now) {
    return !endsAt.isAfter(now);
  }

  /**
   * Combines a re-sent alert with the one held, as Alertmanager's alert store does: the earlier start
   * is kept while the held alert is still firing.
   *
   * @param newer the alert just received with the same fingerprint
   * @param now the current time
   * @return the merged alert
   */
  public Alert mergedWith(Alert newer, Instant now) {
    Instant start = newer.startsAt;
    if (!resolvedAt(now) && startsAt.isBefore(start)) {
      start = startsAt;
    }
    return new Alert(newer.labels, newer.annotations, start, newer.endsAt, newer.generatorURL,
        newer.updatedAt);
  }
}
