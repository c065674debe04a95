package org.alertcluster.examples.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert as Alertmanager holds it (its {@code types.Alert}). An alert is firing until
 * {@code endsAt}; a client that does not know when it ends leaves it open (or sends Go's zero time,
 * as amtool does) and the API fills in {@code now + resolve_timeout} and marks the alert
 * {@code timeout}.
 *
 * @param labels identifying labels, sorted
 * @param annotations informational labels, sorted
 * @param startsAt when it started
 * @param endsAt when it ends (resolves)
 * @param generatorURL link to the source, possibly empty
 * @param updatedAt when this replica last received it: the authoritative timestamp of a merge
 * @param timeout true if {@code endsAt} was not sent but filled in from {@code resolve_timeout}
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
    Instant endsAt, String generatorURL, Instant updatedAt, boolean timeout) {

  /** Copies the maps into sorted immutable ones and checks the times. */
  public Alert {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    generatorURL = generatorURL == null ? "" : generatorURL;
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * An alert whose {@code endsAt} was sent by the client (not a timeout).
   *
   * @param labels identifying labels
   * @param annotations informational labels
   * @param startsAt when it started
   * @param endsAt when it ends
   * @param generatorURL link to the source, possibly empty
   * @param updatedAt when this replica received it
   */
  public Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
      Instant endsAt, String generatorURL, Instant updatedAt) {
    this(labels, annotations, startsAt, endsAt, generatorURL, updatedAt, false);
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
   * Whether a newly received instance of this alert (same fingerprint) is to be merged into this one
   * rather than replace it, as Alertmanager's in-memory store decides: their activity ranges overlap
   * (the newer one ends inside this one's range, or starts inside it).
   *
   * @param newer the alert just received
   * @return true to {@link #mergedWith merge}, false to replace
   */
  public boolean overlaps(Alert newer) {
    return (newer.endsAt.isAfter(startsAt) && newer.endsAt.isBefore(endsAt))
        || (newer.startsAt.isAfter(startsAt) && newer.startsAt.isBefore(endsAt));
  }

  /**
   * Combines two instances of the same alert as Alertmanager's {@code Alert.Merge}: the one with the
   * later {@code updatedAt} gives labels, annotations and URL; the earliest {@code startsAt} wins; of
   * two still firing, the later {@code endsAt} wins unless it came from a timeout (so a re-send never
   * shortens an alert and an explicit end beats {@code resolve_timeout}); if the newer one is resolved
   * (an explicit resolve), its {@code endsAt} wins, or the later one if both are resolved.
   *
   * @param other the other instance (the order does not matter)
   * @param now the current time, deciding what is resolved
   * @return the merged alert
   */
  public Alert mergedWith(Alert other, Instant now) {
    if (other.updatedAt.isBefore(updatedAt)) {
      return other.mergedWith(this, now);
    }
    Instant start = startsAt.isBefore(other.startsAt) ? startsAt : other.startsAt;
    Instant end = other.endsAt;
    if (other.resolvedAt(now)) {
      if (resolvedAt(now) && endsAt.isAfter(other.endsAt)) {
        end = endsAt;
      }
    } else if (endsAt.isAfter(other.endsAt) && !timeout) {
      end = endsAt;
    }
    // As Alertmanager, the newer instance's timeout flag is kept whichever end won.
    return new Alert(other.labels, other.annotations, start, end, other.generatorURL, other.updatedAt,
        other.timeout);
  }
}
