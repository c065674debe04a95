package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Member;
import org.alertcluster.impl.util.Correlator;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link org.alertcluster.api.Channel#broadcastAcknowledged}: correlates the members' answers
 * ({@code UpdateAck}, sent after their State merged the update) with the updates this peer sent.
 *
 * <p>The update travels the ordinary broadcast path (the {@link Broadcaster}'s queue and sender, so
 * the caller never blocks); what is added is an id and one unicast answer per member. The targets
 * are the other members of the view at the time of the call. An answer completes its member; a view
 * without a target completes that target as not acknowledged (it left or failed and cannot answer);
 * the timeout completes the rest as not acknowledged. The stage is completed on {@code completer}
 * (the peer's notify thread), never on a JGroups thread, so a slow callback cannot stall delivery.
 *
 * <p>The pending requests live in the shared {@link Correlator} (as the push-pull exchange's and the
 * goodbye's do; its class doc says why not JGroups' {@code MessageDispatcher}); this class keeps,
 * per request, only what the correlator does not: which targets merged the update and which refused
 * it, and the timer.
 *
 * <p>Package-private: built and owned by {@link StateReplication}, the package's one public type.
 */
final class AckedBroadcasts {

  private static final Logger LOG = LoggerFactory.getLogger(AckedBroadcasts.class);

  private final Correlator<Pending> pending = new Correlator<>();
  private final Broadcaster broadcaster;
  private final Supplier<List<Address>> others;
  private final Function<Address, Member> members;
  private final ScheduledExecutorService scheduler;
  private final Executor completer;
  private volatile boolean closed;

  /**
   * @param broadcaster the peer's broadcaster
   * @param others the other members of the current view
   * @param members the Member of an address (also of one that just left)
   * @param scheduler where timeouts run
   * @param completer where stages are completed
   */
  AckedBroadcasts(Broadcaster broadcaster, Supplier<List<Address>> others,
      Function<Address, Member> members, ScheduledExecutorService scheduler, Executor completer) {
    this.broadcaster = broadcaster;
    this.others = others;
    this.members = members;
    this.scheduler = scheduler;
    this.completer = completer;
  }

  /**
   * The {@link Channel} of one registered State: {@link Channel#broadcast} through the broadcaster,
   * {@link Channel#broadcastAcknowledged} through this.
   *
   * @param key the State's key
   * @param active whether the channel may still send (its State registered, the peer not left)
   * @return the channel
   */
  Channel channel(String key, BooleanSupplier active) {
    return new StateChannel(key, broadcaster, this, active);
  }

  /**
   * Sends an update and tracks its answers.
   *
   * @param key the State's key
   * @param data the delta
   * @param timeout the longest to wait for answers
   * @return the stage of {@link org.alertcluster.api.Channel#broadcastAcknowledged}
   */
  CompletionStage<BroadcastAck> broadcast(String key, byte[] data, Duration timeout) {
    Map<Address, Member> targets = new LinkedHashMap<>();
    for (Address a : others.get()) {
      targets.put(a, members.apply(a));
    }
    if (targets.isEmpty()) {
      return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), Set.of()));
    }
    Pending p = new Pending(key, targets);
    Correlator.Request<Pending> request = pending.open(p, targets.keySet());
    // Completed with true once every target answered or left the view, false on timeout or leave.
    request.answered().whenComplete((all, error) -> finish(request,
        all ? "every target answered or left" : closed ? "peer left" : p.failure));
    try {
      p.timer = scheduler.schedule(() -> pending.fail(request.id()), timeout.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      p.failure = "peer stopping";
      pending.fail(request.id());
      return p.future;
    }
    broadcaster.submit(WireCodec.ackedUpdate(request.id(), key, data));
    return p.future;
  }

  /**
   * The stage for a channel that may no longer send: complete at once, nobody acknowledged.
   *
   * @return a completed stage
   */
  CompletionStage<BroadcastAck> notSent() {
    Set<Member> all = new HashSet<>();
    for (Address a : others.get()) {
      all.add(members.apply(a));
    }
    return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), all));
  }

  /**
   * Records an answer.
   *
   * @param from who answered
   * @param id the update's id
   * @param applied whether its State merged the update
   */
  void answered(Address from, long id, boolean applied) {
    if (applied) {
      // Before the correlator sees the answer: the last answer completes the request, and finish
      // reads the acknowledged set. A stray sender is ignored by finish, which reads only targets.
      pending.context(id).ifPresent(p -> {
        synchronized (p.acked) {
          p.acked.add(from);
        }
      });
    }
    pending.answer(id, from).ifPresent(r -> r.answered().complete(true));
  }

  /**
   * Completes the targets that are no longer members as not acknowledged.
   *
   * @param view the new view
   */
  void viewChanged(View view) {
    pending.retainMembers(view.getMembers());
  }

  /** Completes everything still pending (the peer is leaving), with the answers so far. */
  void closeAll() {
    closed = true;
    pending.failAll();
  }

  private void finish(Correlator.Request<Pending> request, String why) {
    Pending p = request.context();
    ScheduledFuture<?> timer = p.timer;
    if (timer != null) {
      timer.cancel(false);
    }
    BroadcastAck result;
    synchronized (p.acked) {
      Set<Member> acked = new HashSet<>();
      Set<Member> missing = new HashSet<>();
      p.targets.forEach((a, m) -> (p.acked.contains(a) ? acked : missing).add(m));
      result = new BroadcastAck(acked, missing);
    }
    if (!result.complete()) {
      LOG.debug("Acknowledged broadcast {} for '{}' ended ({}): not applied by {}", request.id(),
          p.key, why, result.notAcknowledged());
    }
    try {
      completer.execute(() -> p.future.complete(result));
    } catch (RejectedExecutionException e) {
      p.future.complete(result);
    }
  }

  /** What the correlator does not keep: the targets' Members, who applied, the timer. */
  private static final class Pending {
    final String key;
    final Map<Address, Member> targets;
    final Set<Address> acked = new HashSet<>();
    final CompletableFuture<BroadcastAck> future = new CompletableFuture<>();
    volatile ScheduledFuture<?> timer;
    volatile String failure = "timeout";

    Pending(String key, Map<Address, Member> targets) {
      this.key = key;
      this.targets = targets;
    }
  }
}
