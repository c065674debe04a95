package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.RateLimitedLog;
import org.alertcluster.impl.wire.FullState;
import org.alertcluster.impl.wire.PushPullReply;
import org.alertcluster.impl.wire.PushPullRequest;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-state exchange in both directions, Alertmanager's push-pull: the requester sends its full
 * state (optionally only some keys), the responder merges it and answers with its own full state for
 * the same keys, the requester merges the answer. Both sides end up with the union.
 *
 * <p>Used at join (with every member of the first view), after a merge view (with one member of
 * every other subgroup), for anti-entropy (one random member per {@code pushPullInterval}) and to
 * catch up a State added after joining (that key only).
 *
 * <p>Plumbing: a map from request id to a pending future, completed by the reply or failed by a
 * timer after {@code tcpTimeout} ({@code exchangesFailed}). JGroups' MessageDispatcher would do the
 * same but takes over the channel's receive path and marshalling; our envelope already tells the
 * message kinds apart, so a few lines of correlation are simpler. Timeouts use the peer's scheduler
 * rather than {@code CompletableFuture.orTimeout}, whose JDK-wide timer thread would outlive the peer.
 *
 * <p>Marshalling, merging and sending run on the exchange executor, never on a JGroups receive
 * thread: a large state must not stall delivery, and a send may block under flow control.
 */
public final class StateExchanger {

  /** Sends one envelope to one member; may block under flow control. */
  @FunctionalInterface
  public interface Unicast {
    void send(Address target, byte[] envelope) throws Exception;
  }

  private record Pending(Address target, CompletableFuture<Boolean> result, String why) {}

  private static final Logger LOG = LoggerFactory.getLogger(StateExchanger.class);

  private final StateRegistry registry;
  private final PeerCounters counters;
  private final Unicast unicast;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final RateLimitedLog failures = new RateLimitedLog(LOG, 10_000);
  private volatile boolean closed;

  /**
   * @param registry the States
   * @param counters where full states and failures are counted
   * @param unicast the network
   * @param executor where marshalling, merging and sending run
   * @param scheduler runs the timeouts
   * @param timeout how long a requester waits for the reply ({@code tcpTimeout})
   */
  public StateExchanger(StateRegistry registry, PeerCounters counters, Unicast unicast,
      Executor executor, ScheduledExecutorService scheduler, Duration timeout) {
    this.registry = registry;
    this.counters = counters;
    this.unicast = unicast;
    this.executor = executor;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  /**
   * Starts an exchange with {@code target}.
   *
   * @param target the member to exchange with
   * @param keys the keys to exchange; empty for all
   * @param why for the log: "join", "merge", "anti-entropy", "catch-up"
   * @return completes with true once the reply was merged, false on timeout or failure; never
   *     exceptionally
   */
  public CompletableFuture<Boolean> exchange(Address target, Collection<String> keys, String why) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    if (closed) {
      result.complete(false);
      return result;
    }
    long id = ids.incrementAndGet();
    List<String> filter = List.copyOf(keys);
    pending.put(id, new Pending(target, result, why));
    try {
      scheduler.schedule(() -> expire(id), timeout.toMillis(), TimeUnit.MILLISECONDS);
      executor.execute(() -> {
        try {
          FullState state = registry.fullState(filter);
          byte[] envelope = WireCodec.pushPullRequest(id, state, filter);
          unicast.send(target, envelope);
          countSent(envelope.length);
        } catch (Exception e) {
          fail(id, "sending the request failed: " + e);
        }
      });
    } catch (RejectedExecutionException e) {
      fail(id, "the peer is shutting down");
    }
    return result;
  }

  /**
   * Answers a request: merges the requester's state and replies with ours for the same keys.
   *
   * @param sender the requester
   * @param request the request
   * @param size the request's size in bytes, for the counters
   */
  public void onRequest(Address sender, PushPullRequest request, int size) {
    run(() -> {
      countReceived(size);
      registry.mergeAll(request.getState(), "full state from " + sender);
      FullState state = registry.fullState(request.getKeysList());
      byte[] envelope = WireCodec.pushPullReply(request.getId(), state);
      try {
        unicast.send(sender, envelope);
        countSent(envelope.length);
      } catch (Exception e) {
        failures.warn("Could not answer the state exchange of {}: {}", sender, e.toString());
      }
    });
  }

  /**
   * Completes an exchange: merges the responder's state.
   *
   * @param sender the responder
   * @param reply the reply
   * @param size its size in bytes
   */
  public void onReply(Address sender, PushPullReply reply, int size) {
    Pending p = pending.remove(reply.getId());
    if (p == null) {
      LOG.debug("Late or unknown state exchange reply {} from {}; merging it anyway",
          reply.getId(), sender);
    }
    run(() -> {
      countReceived(size);
      registry.mergeAll(reply.getState(), "full state from " + sender);
      if (p != null) {
        LOG.debug("State exchange ({}) with {} done", p.why(), sender);
        p.result().complete(true);
      }
    });
  }

  /**
   * Merges a full state pushed one way.
   *
   * @param sender the sender
   * @param state the full state
   * @param size its size in bytes
   */
  public void onPush(Address sender, FullState state, int size) {
    run(() -> {
      countReceived(size);
      registry.mergeAll(state, "full state from " + sender);
    });
  }

  /** Fails every pending exchange; later calls do nothing. */
  public void close() {
    closed = true;
    for (Long id : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.result().complete(false);
      }
    }
  }

  private void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Peer is shutting down; state exchange message dropped");
    }
  }

  private void expire(long id) {
    fail(id, "no reply within tcpTimeout " + timeout);
  }

  private void fail(long id, String why) {
    Pending p = pending.remove(id);
    if (p == null) {
      return;
    }
    if (!closed) {
      counters.exchangesFailed.increment();
      failures.warn("State exchange ({}) with {} failed: {}", p.why(), p.target(), why);
    }
    p.result().complete(false);
  }

  private void countSent(int bytes) {
    counters.fullStatesSent.increment();
    counters.fullStateBytesSent.add(bytes);
  }

  private void countReceived(int bytes) {
    counters.fullStatesReceived.increment();
    counters.fullStateBytesReceived.add(bytes);
  }
}
