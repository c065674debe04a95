package org.alertcluster.examples.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.alertcluster.examples.nflog.NflogEntry;

/**
 * Alertmanager's {@code DedupStage.needsUpdate}: given what the replicated notification log says was
 * last sent for a group and receiver, does this flush have to notify? The answer is the same on every
 * replica that has the entry, which is what makes the replicas behind position 0 stay quiet.
 */
public final class DedupDecision {

  /** Why a flush notifies, or that it does not. */
  public enum Reason {
    /** Nothing was sent before and something is firing, or firing alerts reappeared. */
    FIRST_NOTIFICATION,
    /** An alert is firing that the last notification did not include. */
    NEW_ALERTS_IN_GROUP,
    /** Everything that was firing has resolved. */
    ALL_ALERTS_RESOLVED,
    /** With send_resolved, alerts resolved that the last notification did not report. */
    NEW_RESOLVED_ALERTS,
    /** Nothing changed but the repeat interval passed. */
    REPEAT_INTERVAL_ELAPSED,
    /** Already notified: the dedup path. */
    NO_UPDATE;

    /** @return true unless {@link #NO_UPDATE} */
    public boolean notifies() {
      return this != NO_UPDATE;
    }
  }

  private DedupDecision() {}

  /**
   * Decides.
   *
   * @param entry the last notification recorded, or null
   * @param firing fingerprints firing now
   * @param resolved fingerprints resolved now
   * @param sendResolved the integration's send_resolved
   * @param repeatInterval the route's repeat interval
   * @param now the flush time
   * @return the reason to notify, or {@link Reason#NO_UPDATE}
   */
  public static Reason needsUpdate(NflogEntry entry, Set<Long> firing, Set<Long> resolved,
      boolean sendResolved, Duration repeatInterval, Instant now) {
    if (entry == null) {
      return firing.isEmpty() ? Reason.NO_UPDATE : Reason.FIRST_NOTIFICATION;
    }
    if (!entry.firingAlerts().containsAll(firing)) {
      return entry.firingAlerts().isEmpty() ? Reason.FIRST_NOTIFICATION : Reason.NEW_ALERTS_IN_GROUP;
    }
    if (firing.isEmpty()) {
      // Sent even without send_resolved so that the log forgets the firing alerts; alerts that fired
      // and resolved between two flushes were never reported, so nothing is sent for them.
      return entry.firingAlerts().isEmpty() ? Reason.NO_UPDATE : Reason.ALL_ALERTS_RESOLVED;
    }
    if (sendResolved && !entry.resolvedAlerts().containsAll(resolved)) {
      return Reason.NEW_RESOLVED_ALERTS;
    }
    if (entry.timestamp().isBefore(now.minus(repeatInterval))) {
      return Reason.REPEAT_INTERVAL_ELAPSED;
    }
    return Reason.NO_UPDATE;
  }
}
