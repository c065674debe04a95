package org.alertcluster.examples.node;

import java.util.Locale;

/**
 * How the replicas share the sending of notifications: the flag
 * {@code --cluster.notification-strategy}.
 */
public enum NotificationStrategy {
  /**
   * The default: each group is sent by the replica that ranks first for it (rendezvous hashing over
   * the current members), under a claim in the replicated notification claims; the others defer
   * while the claim is live and take over, in rank order, when its owner leaves or fails. One
   * notification per group also while the receiver fails; the groups spread over the replicas.
   */
  CLAIM,
  /**
   * Alertmanager's behaviour: every replica waits {@code position × peer-timeout}, then sends what
   * the notification log does not show as sent, retrying on its own. Position 0 sends every group;
   * while a receiver fails, every replica retries and each may deliver once it recovers.
   */
  POSITION;

  /**
   * Parses a flag value.
   *
   * @param value {@code claim} or {@code position}, any case
   * @return the strategy
   * @throws IllegalArgumentException naming the accepted values
   */
  public static NotificationStrategy parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected claim or position");
    }
  }
}
