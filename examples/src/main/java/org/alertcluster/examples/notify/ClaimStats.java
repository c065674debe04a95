package org.alertcluster.examples.notify;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one node's {@link ClaimStage}, shown on {@code /metrics}. */
public final class ClaimStats {

  /** Claims written (first claims and re-claims after a change of the alert set). */
  public final AtomicLong claims = new AtomicLong();
  /** Delivery rounds in which this replica deferred to another replica's live claim. */
  public final AtomicLong deferrals = new AtomicLong();
  /** Claims taken after deferring, because the previous owner's claim became void. */
  public final AtomicLong takeovers = new AtomicLong();
  /** Times two live claims met and this replica backed off. */
  public final AtomicLong conflicts = new AtomicLong();
  /** Claims that not every member acknowledged in time. */
  public final AtomicLong unacknowledgedClaims = new AtomicLong();
  /** Failed sends under this replica's claims. */
  public final AtomicLong failedAttempts = new AtomicLong();
}
