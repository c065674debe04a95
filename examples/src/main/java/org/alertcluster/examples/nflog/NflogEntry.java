package org.alertcluster.examples.nflog;

import java.time.Instant;
import java.util.Set;

/**
 * What the notification log knows about the last successful notification of a group to a receiver.
 *
 * @param groupKey the aggregation group's key
 * @param receiver the receiver integration
 * @param timestamp when the notification was sent
 * @param firingAlerts fingerprints of the alerts that were firing then
 * @param resolvedAlerts fingerprints of the alerts that were resolved then
 * @param expiresAt when replicas may forget the entry
 */
public record NflogEntry(String groupKey, ReceiverKey receiver, Instant timestamp,
    Set<Long> firingAlerts, Set<Long> resolvedAlerts, Instant expiresAt) {

  /** Copies the sets. */
  public NflogEntry {
    firingAlerts = Set.copyOf(firingAlerts);
    resolvedAlerts = Set.copyOf(resolvedAlerts);
  }
}
