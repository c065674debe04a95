package org.alertcluster.spitests.sample;

import java.util.Objects;

/**
 * One entry of a {@link LwwMapState}: a value and the timestamp of the write that produced it.
 *
 * @param id the entry's id, the map key; not {@code null}
 * @param value the value; not {@code null}
 * @param timestamp when the value was written, in any unit the replicas share (milliseconds since
 *     the epoch for wall-clock writes)
 */
public record LwwEntry(String id, String value, long timestamp) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code id} or {@code value} is null
   */
  public LwwEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Whether this entry replaces {@code other} for the same id: the later timestamp wins, and on equal
   * timestamps the greater value wins. The tiebreak is what makes the merge commutative: without it,
   * two replicas that received two writes with the same timestamp in different orders would each keep
   * the one they saw first, and never converge.
   *
   * @param other the current entry for the same id, or {@code null} if there is none
   * @return true if this entry should be stored instead of {@code other}
   */
  public boolean winsOver(LwwEntry other) {
    if (other == null) {
      return true;
    }
    if (timestamp != other.timestamp) {
      return timestamp > other.timestamp;
    }
    return value.compareTo(other.value) > 0;
  }

  /**
   * The winner of two entries for the same id, per {@link #winsOver(LwwEntry)}.
   *
   * @param a one entry, or {@code null}
   * @param b another entry, or {@code null}
   * @return the entry to keep
   */
  public static LwwEntry newer(LwwEntry a, LwwEntry b) {
    if (a == null) {
      return b;
    }
    return b != null && b.winsOver(a) ? b : a;
  }
}
