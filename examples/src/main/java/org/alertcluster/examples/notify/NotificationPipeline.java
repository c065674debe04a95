package org.alertcluster.examples.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.alertcluster.examples.config.RouteConfig;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.nflog.NflogEntry;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.receiver.Integration;
import org.alertcluster.examples.receiver.Notification;
import org.alertcluster.examples.silence.Silences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flush of an aggregation group through Alertmanager's stages: settle → position wait → read the
 * group's alerts → inhibit → silence → per integration (dedup → send with retries → record in the
 * replicated notification log). See the package documentation for the rules and where they differ
 * from Alertmanager's. With a {@link ClaimStage} the position wait and the retries are replaced by
 * sending under a claim, so that one replica sends each notification even while the receiver fails.
 */
public final class NotificationPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationPipeline.class);
  private static final Duration MIN_FLUSH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final RouteConfig route;
  private final List<Integration> integrations;
  private final Silences silences;
  private final NotificationLog nflog;
  private final ClusterGate gate;
  private final Clock clock;
  private final PipelineStats stats;
  private final Inhibitor inhibitor;
  private final ClaimStage claims;

  /**
   * @param route the route (timings)
   * @param integrations the route receiver's integrations
   * @param silences the replicated silences
   * @param nflog the replicated notification log
   * @param gate settle and position wait
   * @param clock the clock
   * @param stats counters to update
   */
  public NotificationPipeline(RouteConfig route, List<Integration> integrations, Silences silences,
      NotificationLog nflog, ClusterGate gate, Clock clock, PipelineStats stats) {
    this(route, integrations, silences, nflog, gate, clock, stats, Inhibitor.NONE);
  }

  /**
   * @param route the route (receiver, timings)
   * @param integrations the route receiver's integrations
   * @param silences the replicated silences
   * @param nflog the replicated notification log
   * @param gate settle and position wait
   * @param clock the clock
   * @param stats counters to update
   * @param inhibitor the {@code inhibit_rules}, applied before the silences as in Alertmanager
   */
  public NotificationPipeline(RouteConfig route, List<Integration> integrations, Silences silences,
      NotificationLog nflog, ClusterGate gate, Clock clock, PipelineStats stats, Inhibitor inhibitor) {
    this(route, integrations, silences, nflog, gate, clock, stats, inhibitor, null);
  }

  /**
   * A pipeline that, with a {@link ClaimStage}, sends under claims instead of waiting for its
   * position.
   *
   * @param route the route (receiver, timings)
   * @param integrations the route receiver's integrations
   * @param silences the replicated silences
   * @param nflog the replicated notification log
   * @param gate settle (and, without claims, the position wait)
   * @param clock the clock
   * @param stats counters to update
   * @param inhibitor the {@code inhibit_rules}, applied before the silences as in Alertmanager
   * @param claims the claim stage, or null for Alertmanager's position-staggered sending
   */
  public NotificationPipeline(RouteConfig route, List<Integration> integrations, Silences silences,
      NotificationLog nflog, ClusterGate gate, Clock clock, PipelineStats stats, Inhibitor inhibitor,
      ClaimStage claims) {
    this.inhibitor = inhibitor;
    this.route = route;
    this.integrations = List.copyOf(integrations);
    this.silences = silences;
    this.nflog = nflog;
    this.gate = gate;
    this.clock = clock;
    this.stats = stats;
    this.claims = claims;
  }

  /** What a flush did, for the aggregation group. */
  public record FlushResult(boolean completed, List<Alert> resolved) {

    /** Copies the list. */
    public FlushResult {
      resolved = List.copyOf(resolved);
    }
  }

  /**
   * Flushes a fixed list of alerts (tests, and callers without a live group).
   *
   * @param groupKey the group key
   * @param groupLabels the group labels
   * @param alerts the group's alerts
   * @return true if the flush completed (also when nothing needed sending); false if it must be
   *     retried at the next interval (not settled, or an integration failed)
   * @throws InterruptedException on shutdown
   */
  public boolean flush(String groupKey, Map<String, String> groupLabels, List<Alert> alerts)
      throws InterruptedException {
    return flush(groupKey, groupLabels, () -> alerts).completed();
  }

  /**
   * Flushes a group. Which alerts take part is fixed when the flush starts (the tick, as in
   * Alertmanager); their versions are read again <em>after</em> the settle and position waits, and
   * firing or resolved is judged once, as of the tick, for the dedup decision, the notification and
   * the log entry alike:
   *
   * <ul>
   *   <li>re-sends during the wait have moved {@code endsAt}, so a replica that waited
   *       {@code position × peer_timeout} never mistakes a re-sent alert for a resolved one;
   *   <li>an alert that arrived during the wait waits for the next tick, where position 0 has had
   *       its full head start on it;
   *   <li>if an alert of the tick resolved, or a silence or inhibition began or ended for it,
   *       <em>during</em> the wait, this replica's wait did not cover position 0's head start for
   *       that change: nothing is sent now and the next tick judges the group again (by then position 0 has logged the resolve, or has failed and
   *       this replica sends it). Alertmanager judges such a group at the tick and, finding the
   *       resolve already logged, sends "firing" again.
   * </ul>
   *
   * @param groupKey the group key
   * @param groupLabels the group labels
   * @param alerts reads the group's alerts now
   * @return whether the flush completed, and the alerts it found resolved (the group may drop them
   *     if they were not updated meanwhile)
   * @throws InterruptedException on shutdown
   */
  public FlushResult flush(String groupKey, Map<String, String> groupLabels, Supplier<List<Alert>> alerts)
      throws InterruptedException {
    stats.flushes.incrementAndGet();
    Instant flushStart = clock.instant();
    List<Alert> atTick = alerts.get();
    Set<Long> mutedAtTick = new HashSet<>();
    for (Alert a : atTick) {
      if (muted(a)) {
        mutedAtTick.add(a.fingerprint());
      }
    }
    // With claims the rank wait happens inside the claim stage, which asks needed() after it.
    Duration wait = claims != null ? Duration.ZERO : gate.positionWait();
    Duration timeout = route.groupInterval().compareTo(MIN_FLUSH_TIMEOUT) > 0 ? route.groupInterval() : MIN_FLUSH_TIMEOUT;
    Instant deadline = Instant.now().plus(timeout).plus(wait);

    if (!gate.awaitReady(deadline)) {
      stats.unsettledFlushes.incrementAndGet();
      LOG.warn("group {}: peer not ready before the flush deadline; nothing sent, retrying next interval", groupKey);
      return new FlushResult(false, List.of());
    }
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis());
    }
    Instant now = clock.instant();
    Map<Long, Alert> fresh = new HashMap<>();
    for (Alert a : alerts.get()) {
      fresh.put(a.fingerprint(), a);
    }
    List<Alert> snapshot = new ArrayList<>(atTick.size());
    for (Alert a : atTick) {
      Alert current = fresh.getOrDefault(a.fingerprint(), a);
      if (!wait.isZero() && changedSinceTick(current, flushStart, now, mutedAtTick)) {
        stats.deferredFlushes.incrementAndGet();
        LOG.debug("group {}: an alert resolved, or was muted or unmuted, during the position wait;"
            + " judged again at the next tick", groupKey);
        return new FlushResult(true, List.of());
      }
      snapshot.add(current);
    }
    List<Alert> resolvedAlerts = new ArrayList<>();
    List<Alert> unmuted = new ArrayList<>();
    for (Alert a : snapshot) {
      if (a.resolvedAt(flushStart)) {
        resolvedAlerts.add(a);
      }
      if (!inhibitor.inhibitedBy(a.labels()).isEmpty()) {
        stats.inhibitedAlerts.incrementAndGet();
      } else if (silences.mutedBy(a.labels()).isEmpty()) {
        unmuted.add(a);
      } else {
        stats.silencedAlerts.incrementAndGet();
      }
    }
    if (unmuted.isEmpty()) {
      return new FlushResult(true, resolvedAlerts);
    }
    Set<Long> firing = new HashSet<>();
    Set<Long> resolved = new HashSet<>();
    List<Alert> firingAlerts = new ArrayList<>();
    for (Alert a : unmuted) {
      if (a.resolvedAt(flushStart)) {
        resolved.add(a.fingerprint());
      } else {
        firing.add(a.fingerprint());
        firingAlerts.add(a);
      }
    }
    Notification all = new Notification(groupKey, route.receiver(), groupLabels, unmuted, now);
    boolean ok = true;
    boolean[] changedDuringWait = {false};
    for (Integration integration : integrations) {
      NflogEntry entry = nflog.query(groupKey, integration.key()).orElse(null);
      DedupDecision.Reason reason = DedupDecision.needsUpdate(entry, firing, resolved,
          integration.sendResolved(), route.repeatInterval(), now);
      if (!reason.notifies()) {
        stats.deduplicated.incrementAndGet();
        continue;
      }
      Notification n = integration.sendResolved() ? all : all.withAlerts(firingAlerts);
      if (!n.alerts().isEmpty() && claims != null) {
        ClaimStage.Outcome outcome = claims.deliver(groupKey, integration.key(),
            ClaimStage.alertSetHash(firing, resolved),
            () -> {
              // The rank wait (or another replica's claim) may have passed: a group whose alert
              // resolved or was muted or unmuted since the tick is judged again at the next tick,
              // as after the position wait.
              if (groupChangedSinceTick(atTick, alerts, flushStart, mutedAtTick)) {
                changedDuringWait[0] = true;
                return false;
              }
              return DedupDecision.needsUpdate(nflog.query(groupKey, integration.key()).orElse(null),
                  firing, resolved, integration.sendResolved(), route.repeatInterval(),
                  clock.instant()).notifies();
            },
            () -> {
              long t0 = System.nanoTime();
              try {
                integration.send(n, deadline);
                stats.attempt(integration.key().integration(), Duration.ofNanos(System.nanoTime() - t0), true);
              } catch (Exception e) {
                stats.attempt(integration.key().integration(), Duration.ofNanos(System.nanoTime() - t0), false);
                throw e;
              }
            }, deadline, claimLease(timeout));
        if (outcome == ClaimStage.Outcome.DELIVERED_ELSEWHERE) {
          if (!changedDuringWait[0]) {
            stats.deduplicated.incrementAndGet();
          }
          continue;
        }
        if (outcome != ClaimStage.Outcome.SENT) {
          if (outcome == ClaimStage.Outcome.NOT_SENT) {
            stats.notificationsFailed.incrementAndGet();
            stats.delivery(integration.key().integration(), false);
          }
          ok = false;
          continue; // tried again at the next flush, under this replica's claim or another's
        }
        stats.notificationsSent.incrementAndGet();
        stats.delivery(integration.key().integration(), true);
        LOG.info("group {}: notified {} ({}, under claim)", groupKey, integration.key(), reason);
        nflog.log(integration.key(), groupKey, firing, resolved, route.repeatInterval().multipliedBy(2));
        claims.delivered(groupKey, integration.key());
        continue;
      }
      if (!n.alerts().isEmpty()) {
        boolean delivered = sendWithRetries(integration, n, deadline);
        stats.delivery(integration.key().integration(), delivered);
        if (!delivered) {
          ok = false;
          continue; // not recorded: the next flush, or another replica, tries again
        }
        LOG.info("group {}: notified {} ({}: {} firing, {} resolved; position wait {})", groupKey,
            integration.key(), reason, firing.size(), resolved.size(), wait);
      }
      nflog.log(integration.key(), groupKey, firing, resolved, route.repeatInterval().multipliedBy(2));
    }
    if (changedDuringWait[0]) {
      stats.deferredFlushes.incrementAndGet();
      LOG.debug("group {}: an alert resolved, or was muted or unmuted, during the rank wait;"
          + " judged again at the next tick", groupKey);
      return new FlushResult(ok, List.of());
    }
    return new FlushResult(ok, resolvedAlerts);
  }

  private boolean changedSinceTick(Alert current, Instant tick, Instant now, Set<Long> mutedAtTick) {
    return current.resolvedAt(tick) != current.resolvedAt(now)
        || muted(current) != mutedAtTick.contains(current.fingerprint());
  }

  private boolean groupChangedSinceTick(List<Alert> atTick, Supplier<List<Alert>> alerts,
      Instant tick, Set<Long> mutedAtTick) {
    Instant now = clock.instant();
    Map<Long, Alert> fresh = new HashMap<>();
    for (Alert a : alerts.get()) {
      fresh.put(a.fingerprint(), a);
    }
    for (Alert a : atTick) {
      if (changedSinceTick(fresh.getOrDefault(a.fingerprint(), a), tick, now, mutedAtTick)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A claim binds the other replicas for two flush timeouts: the owner retries until its flush
   * deadline and again at its next flush, renewing the claim; a hung owner is superseded then.
   */
  private static Duration claimLease(Duration flushTimeout) {
    return flushTimeout.multipliedBy(2);
  }

  /** Whether an inhibit rule or a silence mutes the alert now. */
  private boolean muted(Alert a) {
    return !inhibitor.inhibitedBy(a.labels()).isEmpty() || !silences.mutedBy(a.labels()).isEmpty();
  }

  private boolean sendWithRetries(Integration integration, Notification n, Instant deadline)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    int attempt = 0;
    while (true) {
      attempt++;
      long t0 = System.nanoTime();
      try {
        integration.send(n, deadline);
        stats.notificationsSent.incrementAndGet();
        stats.attempt(integration.key().integration(), Duration.ofNanos(System.nanoTime() - t0), true);
        return true;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        stats.attempt(integration.key().integration(), Duration.ofNanos(System.nanoTime() - t0), false);
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.compareTo(backoff) <= 0) {
          stats.notificationsFailed.incrementAndGet();
          LOG.warn("group {}: {} failed after {} attempts, giving up until the next flush: {}",
              n.groupKey(), integration.key(), attempt, e.getMessage());
          return false;
        }
        LOG.debug("group {}: {} attempt {} failed: {}", n.groupKey(), integration.key(), attempt, e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }
}
