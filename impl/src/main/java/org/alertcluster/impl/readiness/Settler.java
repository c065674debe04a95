package org.alertcluster.impl.readiness;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.impl.util.PeerLog;

/**
 * Decides when a joining peer is ready: Alertmanager's meaning of settled (the membership stopped
 * changing), with the state actually received, decided on events rather than by polling.
 *
 * <p>The peer is {@link PeerStatus#READY} once both hold:
 * <ul>
 *   <li>the join exchange is done (a full state was merged from a member, or there was nobody to
 *       ask) and no catch-up of a State added before ready is pending; and</li>
 *   <li>the membership has stopped changing: either the view has not changed for the quiet period
 *       ({@code settleStablePolls × settleInterval}, 3 s by default), or every known peer is a
 *       member already, so no change is expected (counted only once the host has registered a
 *       State, so that a peer is not ready before the host's States could hold it back).</li>
 * </ul>
 * The peer calls {@link #membershipChanged()} on every view and {@link #progressed()} when an
 * exchange finished; each re-evaluates at once, and a view change schedules one evaluation at the
 * end of its quiet period. If {@code settleTimeout} passes first, the status becomes
 * {@link PeerStatus#READY_AFTER_TIMEOUT} with a warning saying why; a later event can still make
 * it {@link PeerStatus#READY}. A zero timeout makes the peer ready at once.
 *
 * <p>Evaluations run on JGroups' view thread, exchange threads and the scheduler, serialised by
 * this object's lock; status reads are volatile. {@link #ready()} is host-visible (the host chains
 * code on it, the OSGi readiness Condition among it), so it is completed on the notification
 * executor, after the status changed and outside this object's lock: host code never runs on an
 * internal thread or under an internal lock.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) creates it and reports views and
 * exchange results to it; <b>not API</b>: the bundle exports no impl package, and
 * {@code PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class Settler {

  private final PeerLog log;
  private final Duration quietPeriod;
  private final Duration timeout;
  private final BooleanSupplier stateReceived;
  private final BooleanSupplier everyKnownPeerIsMember;
  private final IntSupplier memberCount;
  private final Executor notifier;
  private final ScheduledExecutorService scheduler;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private volatile PeerStatus status = PeerStatus.SETTLING;
  private long lastChangeNanos = startNanos;
  private int changes;

  /**
   * @param peerName this peer's name, in every log line
   * @param quietPeriod how long the view must not change ({@code settleStablePolls × settleInterval})
   * @param timeout settle timeout; zero means ready at once
   * @param stateReceived whether the join exchange has finished and no catch-up holds readiness
   * @param everyKnownPeerIsMember whether every configured peer (there is at least one) is a member
   * @param memberCount the current member count, for the log
   * @param notifier the executor that completes {@link #ready()} (the peer's notification thread)
   * @param scheduler runs the quiet-period and timeout evaluations
   */
  public Settler(String peerName, Duration quietPeriod, Duration timeout, BooleanSupplier stateReceived,
      BooleanSupplier everyKnownPeerIsMember, IntSupplier memberCount, Executor notifier,
      ScheduledExecutorService scheduler) {
    this.log = new PeerLog(Settler.class, peerName);
    this.quietPeriod = quietPeriod;
    this.timeout = timeout;
    this.stateReceived = stateReceived;
    this.everyKnownPeerIsMember = everyKnownPeerIsMember;
    this.memberCount = memberCount;
    this.notifier = notifier;
    this.scheduler = scheduler;
    if (timeout.isZero()) {
      become(PeerStatus.READY, "settle timeout is zero");
      completeReady();
    }
  }

  /** Starts the clocks: called once the channel is connected and the first view installed. */
  public void start() {
    synchronized (this) {
      lastChangeNanos = System.nanoTime();
    }
    if (settling()) {
      later(quietPeriod);
      later(timeout.minus(Duration.ofNanos(System.nanoTime() - startNanos)));
      progressed();
    }
  }

  /** @return the status */
  public PeerStatus status() {
    return status;
  }

  /** @return completes on the first ready status, exceptionally if the peer leaves first */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /** @return true while settling is still undecided or may still improve (not READY, not left) */
  public boolean settling() {
    return status == PeerStatus.SETTLING || status == PeerStatus.READY_AFTER_TIMEOUT;
  }

  /** The view changed: the quiet period starts again. */
  public void membershipChanged() {
    if (!settling()) {
      return;
    }
    synchronized (this) {
      lastChangeNanos = System.nanoTime();
      changes++;
    }
    later(quietPeriod);
    progressed();
  }

  /** Something the decision depends on happened (an exchange finished): decide again now. */
  public void progressed() {
    if (evaluate()) {
      completeReady();
    }
  }

  /** @return true if the status became ready (or ready after the timeout) in this evaluation */
  private synchronized boolean evaluate() {
    if (!settling()) {
      return false;
    }
    long now = System.nanoTime();
    boolean exchanged = stateReceived.getAsBoolean();
    boolean quiet = now - lastChangeNanos >= quietPeriod.toNanos();
    boolean complete = !quiet && everyKnownPeerIsMember.getAsBoolean();
    if (exchanged && (quiet || complete)) {
      become(PeerStatus.READY, "settled with " + memberCount.getAsInt() + " members after "
          + Duration.ofNanos(now - startNanos).toMillis() + " ms ("
          + (complete ? "every known peer is a member" : "no view change for " + quietPeriod)
          + ", state received)");
      return true;
    }
    if (status == PeerStatus.SETTLING && now - startNanos >= timeout.toNanos()) {
      String why = !exchanged ? "the join exchange has not completed (no member answered with its "
          + "state within tcpTimeout)" : "the membership was still changing (" + memberCount.getAsInt()
          + " members, " + changes + " view changes, the last "
          + Duration.ofNanos(now - lastChangeNanos).toMillis() + " ms ago)";
      status = PeerStatus.READY_AFTER_TIMEOUT;
      log.warn("Not settled after the settle timeout of {}: {}. Proceeding as ready; the replicated "
          + "state may be incomplete until an exchange completes.", timeout, why);
      return true;
    }
    log.debug("not settled yet: join exchange {}, {} members, last view change {} ms ago",
        exchanged ? "done" : "pending", memberCount.getAsInt(),
        Duration.ofNanos(now - lastChangeNanos).toMillis());
    return false;
  }

  /** Marks the peer as left; {@link #ready()} fails if it had not completed. */
  public void left() {
    synchronized (this) {
      status = PeerStatus.LEFT;
    }
    onNotifier(() -> ready.completeExceptionally(
        new IllegalStateException("the peer left before it was ready")));
  }

  private void later(Duration delay) {
    try {
      // 1 ms late, so that the period has certainly passed when it runs.
      scheduler.schedule(this::progressed, Math.max(0, delay.toMillis()) + 1, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the peer is leaving
    }
  }

  private void completeReady() {
    onNotifier(() -> ready.complete(null));
  }

  private void onNotifier(Runnable completion) {
    try {
      notifier.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run(); // the peer is shutting down; still no internal lock held here
    }
  }

  private void become(PeerStatus s, String why) {
    PeerStatus old = status;
    status = s;
    if (old == PeerStatus.READY_AFTER_TIMEOUT) {
      log.info("now fully settled: {}", why);
    } else {
      log.info("ready: {}", why);
    }
  }
}
