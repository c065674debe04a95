package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.util.Correlator;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.alertcluster.impl.wire.FullState;
import org.alertcluster.impl.wire.PushPullReply;
import org.alertcluster.impl.wire.PushPullRequest;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;

/**
 * Full-state exchange in both directions, Alertmanager's push-pull: the requester sends its full
 * state (optionally only some keys), the responder merges it and answers with its own full state for
 * the same keys, the requester merges the answer. Both sides end up with the union.
 *
 * <p>Used at join (with every member of the first view), after a merge view (with one member of
 * every other subgroup), for anti-entropy (one random member per {@code pushPullInterval}) and to
 * catch up a State added after joining (that key only).
 *
 * <p>Plumbing: requests and replies are matched by the shared {@link Correlator} (its class doc says
 * why not JGroups' MessageDispatcher); a request not answered within {@code tcpTimeout} is failed
 * ({@code exchangesFailed}). Timeouts use the peer's scheduler rather than
 * {@code CompletableFuture.orTimeout}, whose JDK-wide timer thread would outlive the peer.
 *
 * <p>Marshalling, merging and sending run on the exchange executor, never on a JGroups receive
 * thread: a large state must not stall delivery, and a send may block under flow control.
 *
 * <p>Package-private: built and owned by {@link StateReplication}, the package's one public type.
 */
final class StateExchanger {

  private final PeerLog log;

  /** Sends one envelope to one member; may block under flow control. */
  @FunctionalInterface
  interface Unicast {
    void send(Address target, byte[] envelope) throws Exception;
  }

  /** What an open exchange is about, for the log. */
  private record Exchange(Address target, String why) {}

  private final StateRegistry registry;
  private final PeerCounters counters;
  private final Unicast unicast;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Duration timeout;
  private final Correlator<Exchange> pending = new Correlator<>();
  private final PeerLog failures;
  private volatile boolean closed;

  /**
   * @param registry the States
   * @param counters where full states and failures are counted
   * @param unicast the network
   * @param executor where marshalling, merging and sending run
   * @param scheduler runs the timeouts
   * @param timeout how long a requester waits for the reply ({@code tcpTimeout})
   */
  StateExchanger(StateRegistry registry, PeerCounters counters, Unicast unicast,
      Executor executor, ScheduledExecutorService scheduler, Duration timeout) {
    this.registry = registry;
    this.log = new PeerLog(StateExchanger.class, registry.peerName());
    this.failures = log.warnAtMostEvery(10_000);
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
   * @param keys the keys to exchange; empty for all this peer holds (none when it holds no State)
   * @param why for the log: "join", "merge", "anti-entropy", "catch-up"
   * @return completes with true once the reply was merged, false on timeout or failure; never
   *     exceptionally
   */
  CompletableFuture<Boolean> exchange(Address target, Collection<String> keys, String why) {
    if (closed) {
      return CompletableFuture.completedFuture(false);
    }
    // "All" means all this peer holds: data for a key without a State here would only be dropped.
    // A host adds its States after joining, so the join exchange used to carry the whole cluster
    // state for nothing, and each State's catch-up carried it again (the 100 000-silence joiner
    // received 2 × 18 MB).
    List<String> filter = List.copyOf(keys.isEmpty() ? registry.keys() : keys);
    boolean noStates = filter.isEmpty();
    Correlator.Request<Exchange> request = pending.open(new Exchange(target, why), List.of(target));
    long id = request.id();
    try {
      scheduler.schedule(() -> expire(id), timeout.toMillis(), TimeUnit.MILLISECONDS);
      executor.execute(() -> {
        try {
          FullState state = registry.fullState(filter);
          byte[] envelope = WireCodec.pushPullRequest(id, state, filter, noStates);
          unicast.send(target, envelope);
          countSent(envelope.length);
        } catch (Exception e) {
          fail(id, "sending the request failed: " + e);
        }
      });
    } catch (RejectedExecutionException e) {
      fail(id, "the peer is shutting down");
    }
    return request.answered();
  }

  /**
   * Answers a request: merges the requester's state and replies with ours for the same keys.
   *
   * @param sender the requester
   * @param request the request
   * @param size the request's size in bytes, for the counters
   */
  void onRequest(Address sender, PushPullRequest request, int size) {
    run(() -> {
      countReceived(size);
      registry.mergeAll(request.getState(), "full state from " + sender);
      FullState state = request.getNoStates() ? FullState.getDefaultInstance()
          : registry.fullState(request.getKeysList());
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
  void onReply(Address sender, PushPullReply reply, int size) {
    Optional<Correlator.Request<Exchange>> request = pending.answer(reply.getId(), sender);
    if (request.isEmpty()) {
      log.debug("Late or unknown state exchange reply {} from {}; merging it anyway",
          reply.getId(), sender);
    }
    run(() -> {
      countReceived(size);
      registry.mergeAll(reply.getState(), "full state from " + sender);
      request.ifPresent(r -> { // completed after the merge: a done exchange means the state is in
        log.debug("State exchange ({}) with {} done", r.context().why(), sender);
        r.answered().complete(true);
      });
    });
  }

  /**
   * Merges a full state pushed one way.
   *
   * @param sender the sender
   * @param state the full state
   * @param size its size in bytes
   */
  void onPush(Address sender, FullState state, int size) {
    run(() -> {
      countReceived(size);
      registry.mergeAll(state, "full state from " + sender);
    });
  }

  /** Fails every pending exchange; later calls do nothing. */
  void close() {
    closed = true;
    pending.failAll();
  }

  private void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("shutting down; state exchange message dropped");
    }
  }

  private void expire(long id) {
    fail(id, "no reply within tcpTimeout " + timeout);
  }

  private void fail(long id, String why) {
    boolean counted = !closed;
    pending.fail(id).ifPresent(r -> {
      if (counted) {
        counters.increment(ClusterMetric.EXCHANGES_FAILED);
        failures.warn("State exchange ({}) with {} failed: {}", r.context().why(),
            r.context().target(), why);
      }
    });
  }

  private void countSent(int bytes) {
    counters.increment(ClusterMetric.FULL_STATES_SENT);
    counters.add(ClusterMetric.FULL_STATE_BYTES_SENT, bytes);
  }

  private void countReceived(int bytes) {
    counters.increment(ClusterMetric.FULL_STATES_RECEIVED);
    counters.add(ClusterMetric.FULL_STATE_BYTES_RECEIVED, bytes);
  }
}
