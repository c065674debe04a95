package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Member;
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
 * <p>Why our own correlation and not JGroups' {@code MessageDispatcher}: the dispatcher would take
 * over the channel's up-handler, through which every other alertcluster message arrives, and its
 * {@code castMessage} blocks a thread per request; one map of pending ids and a scheduled timeout
 * do the same here without either.
 */
public final class AckedBroadcasts {

  private static final Logger LOG = LoggerFactory.getLogger(AckedBroadcasts.class);

  // A random start so that ids of a restarted peer (same address possible) do not match old answers.
  private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Broadcaster broadcaster;
  private final Supplier<List<Address>> others;
  private final Function<Address, Member> members;
  private final ScheduledExecutorService scheduler;
  private final Executor completer;

  /**
   * @param broadcaster the peer's broadcaster
   * @param others the other members of the current view
   * @param members the Member of an address (also of one that just left)
   * @param scheduler where timeouts run
   * @param completer where stages are completed
   */
  public AckedBroadcasts(Broadcaster broadcaster, Supplier<List<Address>> others,
      Function<Address, Member> members, ScheduledExecutorService scheduler, Executor completer) {
    this.broadcaster = broadcaster;
    this.others = others;
    this.members = members;
    this.scheduler = scheduler;
    this.completer = completer;
  }

  /**
   * Sends an update and tracks its answers.
   *
   * @param key the State's key
   * @param data the delta
   * @param timeout the longest to wait for answers
   * @return the stage of {@link org.alertcluster.api.Channel#broadcastAcknowledged}
   */
  public CompletionStage<BroadcastAck> broadcast(String key, byte[] data, Duration timeout) {
    Map<Address, Member> targets = new LinkedHashMap<>();
    for (Address a : others.get()) {
      targets.put(a, members.apply(a));
    }
    if (targets.isEmpty()) {
      return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), Set.of()));
    }
    long id = ids.incrementAndGet();
    Pending p = new Pending(id, key, targets);
    pending.put(id, p);
    try {
      p.timer = scheduler.schedule(() -> finish(p, "timeout"), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      finish(p, "peer stopping");
      return p.future;
    }
    broadcaster.submit(WireCodec.ackedUpdate(id, key, data));
    return p.future;
  }

  /**
   * The stage for a channel that may no longer send: complete at once, nobody acknowledged.
   *
   * @return a completed stage
   */
  public CompletionStage<BroadcastAck> notSent() {
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
  public void answered(Address from, long id, boolean applied) {
    Pending p = pending.get(id);
    if (p == null) {
      return; // late (after the timeout) or not ours
    }
    boolean done;
    synchronized (p) {
      if (!p.targets.containsKey(from)) {
        return;
      }
      if (applied) {
        p.acked.add(from);
      } else {
        p.refused.add(from);
      }
      done = p.acked.size() + p.refused.size() == p.targets.size();
    }
    if (done) {
      finish(p, "all answered");
    }
  }

  /**
   * Completes the targets that are no longer members as not acknowledged.
   *
   * @param view the new view
   */
  public void viewChanged(View view) {
    for (Pending p : new ArrayList<>(pending.values())) {
      boolean done;
      synchronized (p) {
        for (Address a : p.targets.keySet()) {
          if (!view.containsMember(a) && !p.acked.contains(a)) {
            p.refused.add(a);
          }
        }
        done = p.acked.size() + p.refused.size() == p.targets.size();
      }
      if (done) {
        finish(p, "view " + view.getViewId());
      }
    }
  }

  /** Completes everything still pending (the peer is leaving), with the answers so far. */
  public void closeAll() {
    for (Pending p : new ArrayList<>(pending.values())) {
      finish(p, "peer left");
    }
  }

  /** @return updates waiting for answers */
  public int pendingCount() {
    return pending.size();
  }

  private void finish(Pending p, String why) {
    if (pending.remove(p.id) == null) {
      return;
    }
    if (p.timer != null) {
      p.timer.cancel(false);
    }
    BroadcastAck result;
    synchronized (p) {
      Set<Member> acked = new HashSet<>();
      Set<Member> missing = new HashSet<>();
      p.targets.forEach((a, m) -> (p.acked.contains(a) ? acked : missing).add(m));
      result = new BroadcastAck(acked, missing);
    }
    if (!result.complete()) {
      LOG.debug("Acknowledged broadcast {} for '{}' ended ({}): not applied by {}", p.id, p.key,
          why, result.notAcknowledged());
    }
    try {
      completer.execute(() -> p.future.complete(result));
    } catch (RejectedExecutionException e) {
      p.future.complete(result);
    }
  }

  private static final class Pending {
    final long id;
    final String key;
    final Map<Address, Member> targets;
    final Set<Address> acked = new HashSet<>();
    final Set<Address> refused = new HashSet<>();
    final CompletableFuture<BroadcastAck> future = new CompletableFuture<>();
    volatile ScheduledFuture<?> timer;

    Pending(long id, String key, Map<Address, Member> targets) {
      this.id = id;
      this.key = key;
      this.targets = targets;
    }
  }
}
