package org.alertcluster.examples.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.nflog.ClaimLog;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.alertcluster.examples.nflog.pb.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one group to one receiver integration at most once across the replicas, also while the
 * receiver fails: the stage that replaces Alertmanager's position wait and per-replica retry loop.
 *
 * <p>Per attempt, in this order:
 * <ol>
 *   <li>Re-read the notification log: if another replica delivered, stop ({@link
 *       Outcome#DELIVERED_ELSEWHERE}).</li>
 *   <li>If another replica holds a live claim on (group, receiver) — not released, lease not over,
 *       owner a member now — defer: poll until it is delivered, or the claim is void (its owner
 *       left or failed: membership is exact, so at once), or the flush deadline.</li>
 *   <li>Without a claim of its own, a replica waits {@code rank(group) × peerTimeout} (rank among the
 *       current members by rendezvous hashing, so groups spread over the replicas and the next in a
 *       group's ranking takes over), then claims with an acknowledged broadcast. It proceeds only
 *       once every member has applied the claim and it still sees no other live claim; seeing one
 *       means two replicas claimed concurrently, and both back off (each releases its claim and
 *       re-staggers by rank). Why this is safe: of two concurrent claimers, the one whose
 *       acknowledgements complete last has by then applied the other's claim (the other's
 *       acknowledgements included it), so it always sees the conflict.</li>
 *   <li>Send once; on failure back off (200 ms doubling to 5 s) and go to 1, renewing the claim.</li>
 * </ol>
 * After a successful send the caller records it in the notification log and calls
 * {@link #delivered}, which waits until every member holds that record; the claim is kept until its
 * lease ends.
 *
 * <p>Limits: during a partition each side has its own members and its own rank 0, so each side
 * sends at most once (Alertmanager: both sides send too). If a member does not acknowledge a claim
 * twice in a row (it is cut off but not yet suspected, or runs a version without claims) the
 * replica sends anyway and logs it: notifications fail open, as in Alertmanager.
 *
 * <p>Thread-safe; one call per (group, receiver) at a time, which the dispatcher guarantees.
 */
public final class ClaimStage {

  /** What {@link #deliver} did. */
  public enum Outcome {
    /** This replica sent the notification. */
    SENT,
    /** The notification log shows another replica delivered it (or nothing needs sending now). */
    DELIVERED_ELSEWHERE,
    /** Not sent by the deadline although this replica tried (the receiver failed): retry next flush. */
    NOT_SENT,
    /** Deferred to another replica's live claim until the deadline: look again at the next flush. */
    DEFERRED
  }

  /** One send of the notification. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * Sends once.
     *
     * @throws Exception if the receiver did not accept it
     */
    void send() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ClaimStage.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MIN_ACK_TIMEOUT = Duration.ofSeconds(2);

  private final Peer peer;
  private final ClaimLog claims;
  private final NotificationLog nflog;
  private final Duration peerTimeout;
  private final Duration ackTimeout;
  private final Duration poll;
  private final Clock clock;
  private final ClaimStats stats;

  /**
   * @param peer this replica's peer
   * @param claims the replicated claims
   * @param nflog the replicated notification log
   * @param peerTimeout the wait per rank ({@code --cluster.peer-timeout}); also the longest a claim
   *     waits for the members' acknowledgements (at least 2 s)
   * @param clock the clock of the claim leases
   * @param stats counters to update
   */
  public ClaimStage(Peer peer, ClaimLog claims, NotificationLog nflog, Duration peerTimeout,
      Clock clock, ClaimStats stats) {
    this.peer = Objects.requireNonNull(peer, "peer");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.nflog = Objects.requireNonNull(nflog, "nflog");
    this.peerTimeout = Objects.requireNonNull(peerTimeout, "peerTimeout");
    // At least 2 s: a claim that is not acknowledged in time is retried and then sent anyway, so a
    // busy host must not turn slow acknowledgements into duplicates.
    this.ackTimeout = peerTimeout.compareTo(MIN_ACK_TIMEOUT) > 0 ? peerTimeout : MIN_ACK_TIMEOUT;
    long pollMs = Math.max(20, Math.min(250, peerTimeout.toMillis() / 20));
    this.poll = Duration.ofMillis(pollMs);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /**
   * A hash of an alert set, recorded in the claim: FNV-1a over the sorted firing fingerprints, a
   * separator, and the sorted resolved ones.
   *
   * @param firing fingerprints of the firing alerts
   * @param resolved fingerprints of the resolved alerts
   * @return the hash
   */
  public static long alertSetHash(Collection<Long> firing, Collection<Long> resolved) {
    long h = 0xcbf29ce484222325L;
    List<Long> f = new ArrayList<>(firing);
    List<Long> r = new ArrayList<>(resolved);
    f.sort(null);
    r.sort(null);
    for (long v : f) {
      h = mix(h, v);
    }
    h = mix(h, -1L);
    for (long v : r) {
      h = mix(h, v);
    }
    return h;
  }

  private static long mix(long h, long v) {
    for (int i = 0; i < 8; i++) {
      h ^= (v >>> (8 * i)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /**
   * Sends under a claim, or defers to another replica's claim, until done or the deadline.
   *
   * @param groupKey the group key (also the key the replicas are ranked by)
   * @param receiver the receiver integration
   * @param alertSetHash {@link #alertSetHash} of what is sent
   * @param needed re-reads the notification log: true while the notification still has to go out
   * @param attempt one send
   * @param deadline when to give up until the next flush
   * @param lease how long a claim binds the others at most (renewed while retrying)
   * @return what happened
   * @throws InterruptedException on shutdown
   */
  public Outcome deliver(String groupKey, ReceiverKey receiver, long alertSetHash,
      BooleanSupplier needed, Attempt attempt, Instant deadline, Duration lease)
      throws InterruptedException {
    String me = peer.name();
    Duration backoff = FIRST_BACKOFF;
    boolean staggered = false;
    boolean deferred = false;
    int unacknowledged = 0;
    int attempts = 0;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (!needed.getAsBoolean()) {
        return Outcome.DELIVERED_ELSEWHERE;
      }
      if (!Instant.now().isBefore(deadline)) {
        return attempts > 0 ? Outcome.NOT_SENT : Outcome.DEFERRED;
      }
      Optional<Claim> other = claims.liveClaimOfOther(groupKey, receiver, me, liveNames());
      if (other.isPresent()) {
        if (claims.own(groupKey, receiver, me).isPresent()) {
          // Two live claims (concurrent claims, or a healed partition): both back off.
          stats.conflicts.incrementAndGet();
          claims.release(groupKey, receiver, me);
          LOG.info("group {}: {} also claims {}; backing off", groupKey, other.get().getOwner(), receiver);
        }
        if (!deferred) {
          stats.deferrals.incrementAndGet();
          LOG.debug("group {}: deferring to {}'s claim on {}", groupKey, other.get().getOwner(), receiver);
        }
        deferred = true;
        staggered = false;
        sleepUntil(deadline, poll);
        continue;
      }
      Optional<Claim> mine = claims.own(groupKey, receiver, me);
      if (mine.isEmpty() || mine.get().getAlertSetHash() != alertSetHash) {
        if (mine.isEmpty() && !staggered) {
          staggered = true;
          int rank = peer.rank(groupKey);
          if (rank > 0) {
            sleepUntil(deadline, peerTimeout.multipliedBy(rank));
            continue; // look again: the replicas ranked before this one had their turn
          }
        }
        BroadcastAck ack = await(claims.claim(groupKey, receiver, alertSetHash, me, lease, ackTimeout));
        stats.claims.incrementAndGet();
        if (claims.liveClaimOfOther(groupKey, receiver, me, liveNames()).isPresent()) {
          continue; // handled above: conflict, back off
        }
        if (!ack.complete()) {
          stats.unacknowledgedClaims.incrementAndGet();
          if (++unacknowledged < 2) {
            LOG.info("group {}: claim on {} not acknowledged by {}; trying again", groupKey,
                receiver, ack.notAcknowledged());
            sleepUntil(deadline, poll);
            continue;
          }
          LOG.warn("group {}: claim on {} not acknowledged by {} twice; sending anyway (fail open)",
              groupKey, receiver, ack.notAcknowledged());
        }
        if (deferred) {
          stats.takeovers.incrementAndGet();
          LOG.info("group {}: took over {} (the previous owner's claim is void)", groupKey, receiver);
          deferred = false;
        }
        if (!needed.getAsBoolean()) {
          return Outcome.DELIVERED_ELSEWHERE; // delivered while the claim travelled
        }
      } else if (Duration.between(clock.instant(), toInstant(mine.get())).compareTo(lease.dividedBy(2)) < 0) {
        claims.claim(groupKey, receiver, alertSetHash, me, lease, ackTimeout); // renew; no need to wait
      }
      attempts++;
      try {
        attempt.send();
        return Outcome.SENT;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        stats.failedAttempts.incrementAndGet();
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.compareTo(backoff) <= 0) {
          LOG.warn("group {}: {} failed after {} attempts under this replica's claim; retrying at the "
              + "next flush: {}", groupKey, receiver, attempts, e.getMessage());
          return Outcome.NOT_SENT;
        }
        LOG.debug("group {}: {} attempt {} failed: {}", groupKey, receiver, attempts, e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * After a successful send was recorded in the notification log: waits (at most the peer timeout)
   * until every member holds the record, so that no replica can find the claim void and the record
   * missing (e.g. when this replica leaves right after sending).
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @throws InterruptedException on shutdown
   */
  public void delivered(String groupKey, ReceiverKey receiver) throws InterruptedException {
    BroadcastAck ack = await(nflog.confirm(NotificationLog.stateKey(groupKey, receiver), ackTimeout));
    if (!ack.complete()) {
      LOG.info("group {}: notification log entry for {} not acknowledged by {}", groupKey, receiver,
          ack.notAcknowledged());
    }
  }

  private Set<String> liveNames() {
    Set<String> names = new HashSet<>();
    for (Member m : peer.members()) {
      names.add(m.name());
    }
    return names;
  }

  private static Instant toInstant(Claim c) {
    return org.alertcluster.examples.state.Timestamps.toInstant(c.getExpiresAt());
  }

  private BroadcastAck await(java.util.concurrent.CompletionStage<BroadcastAck> stage)
      throws InterruptedException {
    try {
      // The stage completes by its own timeout; the margin only guards against a peer that stops.
      return stage.toCompletableFuture().get(ackTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new BroadcastAck(Set.of(), peer.members().stream()
          .filter(m -> !m.name().equals(peer.name())).collect(java.util.stream.Collectors.toSet()));
    }
  }

  private static void sleepUntil(Instant deadline, Duration step) throws InterruptedException {
    long left = Duration.between(Instant.now(), deadline).toMillis();
    long ms = Math.min(step.toMillis(), left);
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }
}
