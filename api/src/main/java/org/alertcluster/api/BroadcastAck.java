package org.alertcluster.api;

import java.util.Objects;
import java.util.Set;

/**
 * The outcome of {@link Channel#broadcastAcknowledged(byte[], java.time.Duration)}: which of the
 * members that were in the view when the update was sent have applied it.
 *
 * @param acknowledged the members that merged the update into their State with the channel's key
 *     (their {@link State#merge(byte[])} returned normally) before the stage completed
 * @param notAcknowledged the other members of that view: they did not answer before the timeout,
 *     left or failed meanwhile, have no State under the key, or their {@code merge} threw
 */
public record BroadcastAck(Set<Member> acknowledged, Set<Member> notAcknowledged) {

  /**
   * Copies the sets.
   *
   * @throws NullPointerException if a set is null
   */
  public BroadcastAck {
    acknowledged = Set.copyOf(Objects.requireNonNull(acknowledged, "acknowledged"));
    notAcknowledged = Set.copyOf(Objects.requireNonNull(notAcknowledged, "notAcknowledged"));
  }

  /**
   * Whether every member of the view the update was sent to applied it: the host may act on
   * "everyone knows". True also when this member was alone.
   *
   * @return true if {@link #notAcknowledged()} is empty
   */
  public boolean complete() {
    return notAcknowledged.isEmpty();
  }
}
