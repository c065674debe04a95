package org.alertcluster.examples.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.alertcluster.examples.model.Matcher;

/**
 * A silence: alerts whose labels match every matcher are not notified between {@code startsAt} and
 * {@code endsAt}, by any replica.
 *
 * @param id a UUID, or empty for a silence not yet created
 * @param matchers the matchers, all of which must match
 * @param startsAt start of the muting period
 * @param endsAt end of the muting period
 * @param createdBy author
 * @param comment why
 * @param updatedAt last change, the last-write-wins time across replicas
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt,
    String createdBy, String comment, Instant updatedAt) {

  /** The life-cycle states the API reports. */
  public enum Status {
    /** Starts in the future. */
    PENDING,
    /** Muting now. */
    ACTIVE,
    /** Ended. */
    EXPIRED;

    /** @return the API's lower-case form */
    public String apiValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Copies the matchers and rejects nulls. */
  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    createdBy = createdBy == null ? "" : createdBy;
    comment = comment == null ? "" : comment;
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The status at a time.
   *
   * @param now the time
   * @return pending, active or expired
   */
  public Status statusAt(Instant now) {
    if (!endsAt.isAfter(now)) {
      return Status.EXPIRED;
    }
    return startsAt.isAfter(now) ? Status.PENDING : Status.ACTIVE;
  }

  /**
   * Whether the silence mutes a label set at a time.
   *
   * @param labels the alert's labels
   * @param now the time
   * @return true if active and every matcher matches
   */
  public boolean mutes(Map<String, String> labels, Instant now) {
    return statusAt(now) == Status.ACTIVE && matchers.stream().allMatch(m -> m.matches(labels));
  }

  /**
   * A copy with other fields changed.
   *
   * @param newId the id
   * @param newStart the start
   * @param newEnd the end
   * @param newUpdated the update time
   * @return the copy
   */
  public Silence with(String newId, Instant newStart, Instant newEnd, Instant newUpdated) {
    return new Silence(newId, matchers, newStart, newEnd, createdBy, comment, newUpdated);
  }
}
