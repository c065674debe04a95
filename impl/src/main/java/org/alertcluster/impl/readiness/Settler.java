package org.alertcluster.impl.readiness;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.impl.util.PeerLog;

/**
 * Decides when a joining peer is ready: Alertmanager's {@code Settle}, improved so that "ready"
 * means the state was actually received.
 *
 * <p>The peer calls {@link #poll()} every {@code settleInterval}. A poll counts as stable when the
 * join exchange is done (a full state was merged from a member, or there was nobody to ask) and
 * the member count equals the previous poll's; any other poll resets the count. After
 * {@code settleStablePolls} stable polls the status becomes {@link PeerStatus#READY}. If
 * {@code settleTimeout} passes first, the status becomes {@link PeerStatus#READY_AFTER_TIMEOUT} with
 * a warning saying why (join exchange pending, membership changing); polling goes on, so a later
 * exchange can still make it {@link PeerStatus#READY}. A zero timeout makes the peer ready at once.
 *
 * <p>Only the scheduler thread calls {@link #poll()}; status reads are volatile. {@link #ready()}
 * is host-visible (the host chains code on it, the OSGi readiness Condition among it), so it is
 * completed on the notification executor, after the status changed and outside this object's
 * lock: host code never runs on the scheduler thread or under an internal lock.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) creates and polls it; <b>not
 * API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list of
 * impl's public types with the reason for each.
 */
public final class Settler {

  private final PeerLog log;
  private final int stablePollsRequired;
  private final Duration timeout;
  private final BooleanSupplier joinExchangeDone;
  private final IntSupplier memberCount;
  private final Executor notifier;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private volatile PeerStatus status = PeerStatus.SETTLING;
  private int stablePolls;
  private int previousCount;
  private int polls;

  /**
   * @param peerName this peer's name, in every log line
   * @param stablePollsRequired consecutive stable polls for READY
   * @param timeout settle timeout; zero means ready at once
   * @param joinExchangeDone whether the join exchange has finished
   * @param memberCount the current member count
   * @param notifier the executor that completes {@link #ready()} (the peer's notification thread)
   */
  public Settler(String peerName, int stablePollsRequired, Duration timeout,
      BooleanSupplier joinExchangeDone, IntSupplier memberCount, Executor notifier) {
    this.log = new PeerLog(Settler.class, peerName);
    this.stablePollsRequired = stablePollsRequired;
    this.timeout = timeout;
    this.joinExchangeDone = joinExchangeDone;
    this.memberCount = memberCount;
    this.notifier = notifier;
    this.previousCount = memberCount.getAsInt();
    if (timeout.isZero()) {
      become(PeerStatus.READY, "settle timeout is zero");
      completeReady();
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

  /** @return true while polling is still useful (not READY and not left) */
  boolean settling() {
    return status == PeerStatus.SETTLING || status == PeerStatus.READY_AFTER_TIMEOUT;
  }

  /** One settle poll. */
  public void poll() {
    if (pollLocked()) {
      completeReady();
    }
  }

  /** @return true if the status became ready in this poll */
  private synchronized boolean pollLocked() {
    if (!settling()) {
      return false;
    }
    polls++;
    int count = memberCount.getAsInt();
    boolean exchanged = joinExchangeDone.getAsBoolean();
    if (exchanged && count == previousCount) {
      stablePolls++;
      log.debug("Settle poll {}: {} members, stable for {} polls", polls, count, stablePolls);
    } else {
      if (stablePolls > 0 || polls == 1) {
        log.debug("Settle poll {}: not settled (join exchange {}, members {} -> {})", polls,
            exchanged ? "done" : "pending", previousCount, count);
      }
      stablePolls = 0;
    }
    previousCount = count;
    if (stablePolls >= stablePollsRequired) {
      become(PeerStatus.READY, "settled with " + count + " members after " + elapsed());
      return true;
    }
    if (status == PeerStatus.SETTLING && System.nanoTime() - startNanos >= timeout.toNanos()) {
      String why = !exchanged ? "the join exchange has not completed (no member answered with its "
          + "state within tcpTimeout)" : "the membership was still changing (" + count + " members, "
          + stablePolls + " of " + stablePollsRequired + " stable polls)";
      status = PeerStatus.READY_AFTER_TIMEOUT;
      log.warn("Not settled after the settle timeout of {}: {}. Proceeding as ready; the replicated "
          + "state may be incomplete until an exchange completes.", timeout, why);
      return true;
    }
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

  private String elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms";
  }
}
