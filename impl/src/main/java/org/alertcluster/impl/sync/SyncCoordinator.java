package org.alertcluster.impl.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;

/**
 * Decides when and with whom full state is exchanged, and whether the peer has received the
 * cluster's state yet (the condition the settle logic waits for).
 *
 * <ul>
 *   <li><b>Join</b>: with every other member of the first view, in parallel. Done when one of them
 *       answered, or at once when there was nobody or no State is registered yet (a host adds its
 *       States after the peer is created: each is then caught up with every member, which holds
 *       readiness); in that case the round runs again with the
 *       members of the first view that has others in it ({@link #viewChanged(boolean)}). If every exchange
 *       of a round failed, the peer's next settle tick ({@code settleInterval}) starts a new round
 *       with the members of the current view.</li>
 *   <li><b>Merge</b>: on a {@link MergeView} each member exchanges with every member it was apart
 *       from (not in its previous view) and with one member of every subgroup it was not part of.
 *       Every member does it, so both sides converge even if some exchanges fail, and an update
 *       dropped while the views disagreed is carried by these exchanges.</li>
 *   <li><b>Anti-entropy</b>: with one random other member, every {@code pushPullInterval}.</li>
 *   <li><b>Catch-up</b>: a State added after joining is exchanged, for its key only, with every
 *       other member, like the join. One random member is not enough: the others may be adding the
 *       same State at the same moment, so that member need not hold yet what they hold, and the new
 *       State would lag until anti-entropy (the kit's state02 rule caught this in one of four runs).
 *       While the peer is not yet ready, the round holds readiness back, so {@code ready()} implies
 *       the State has the cluster's data; if no member answered, the peer counts as not having the
 *       cluster's state and retries full join rounds.</li>
 * </ul>
 * Any successful full exchange counts as having received the cluster's state.
 *
 * <p>Package-private: built and owned by {@link StateReplication}, the package's one public type.
 */
final class SyncCoordinator {

  private final StateExchanger exchanger;
  private final Supplier<List<Address>> others;
  private final BooleanSupplier noStates;
  private final AtomicBoolean stateReceived = new AtomicBoolean();
  private final AtomicBoolean joinInFlight = new AtomicBoolean();
  private final AtomicInteger pendingCatchUps = new AtomicInteger();
  /** The state counts as received only because the first view had nobody else in it. */
  private final AtomicBoolean vacuous = new AtomicBoolean();
  private volatile Runnable progress = () -> {};

  /**
   * @param exchanger the exchange mechanism
   * @param others the other members of the current view
   * @param noStates true while no State is registered
   */
  SyncCoordinator(StateExchanger exchanger, Supplier<List<Address>> others,
      BooleanSupplier noStates) {
    this.exchanger = exchanger;
    this.others = others;
    this.noStates = noStates;
  }

  /**
   * @param listener called (on an exchange thread) whenever {@link #initialStateReceived()} may have
   *     changed: a join, merge or anti-entropy exchange or a catch-up round finished
   */
  void onProgress(Runnable listener) {
    this.progress = listener;
  }

  /** @return true once a full state was merged (or there was nobody to ask) and no catch-up is pending */
  boolean initialStateReceived() {
    return stateReceived.get() && pendingCatchUps.get() == 0;
  }

  /** Starts a join round unless the state is in or a round is running. */
  void joinExchange() {
    if (stateReceived.get()) {
      return;
    }
    if (noStates.getAsBoolean()) {
      // Nothing to receive into: the members would send their whole state only for it to be
      // dropped as parts of unknown keys. A State added before ready is caught up with every
      // member, and that holds readiness (catchUp), so ready still means the state arrived. Nobody's
      // state was received though: members that appear before ready get a join round (viewChanged).
      vacuous.set(true);
      stateReceived.set(true);
      return;
    }
    List<Address> targets = others.get();
    if (targets.isEmpty()) {
      vacuous.set(true);
      stateReceived.set(true);
      return;
    }
    if (!joinInFlight.compareAndSet(false, true)) {
      return;
    }
    List<CompletableFuture<Boolean>> round = new ArrayList<>();
    for (Address a : targets) {
      round.add(full(a, "join"));
    }
    CompletableFuture.allOf(round.toArray(CompletableFuture[]::new))
        .whenComplete((v, t) -> {
          joinInFlight.set(false);
          progress.run();
        });
  }

  /**
   * The view changed. A peer whose first view had nobody else in it (the first of peers started
   * together, or a lone peer others join later) did not receive anyone's state; once others are
   * members, it does its join round with them after all, so that being settled still means the
   * cluster's state arrived. After ready nothing waits for it: the joiners' own join exchanges
   * bring their state.
   *
   * @param beforeReady true while the peer is not yet ready
   */
  void viewChanged(boolean beforeReady) {
    if (!beforeReady) {
      vacuous.set(false);
    } else if (!others.get().isEmpty() && vacuous.compareAndSet(true, false)) {
      stateReceived.set(false);
      joinExchange();
    }
  }

  /** One anti-entropy exchange with a random other member, if any. */
  void antiEntropy() {
    randomOther().ifPresent(a -> full(a, "anti-entropy"));
  }

  /**
   * Reconciles after a merge with every member this peer was apart from: every member of the merge
   * view that was not in this peer's previous view, and one member of every subgroup that does not
   * contain this peer. Exchanges are push-pull, so each side gets the other's state.
   *
   * <p>Why both: subgroups may overlap. A member that was paused (SIGSTOP) past failure detection
   * keeps its old view, which still lists the others; the others' subgroup does not list it. With
   * subgroups alone, only the paused member would exchange, with one random other member, and an
   * update it broadcast while views disagreed (dropped by the others as "from a non-member") would
   * reach the rest only by anti-entropy, minutes later. With the previous-view rule every member
   * that had excluded it exchanges with it directly.
   *
   * @param view the merge view
   * @param self this peer's address
   * @param previous this peer's view before the merge view, or null
   * @return the members exchanged with
   */
  Set<Address> merged(MergeView view, Address self, View previous) {
    Set<Address> targets = new LinkedHashSet<>();
    for (Address a : view.getMembers()) {
      if (!a.equals(self) && (previous == null || !previous.containsMember(a))) {
        targets.add(a);
      }
    }
    for (View sub : view.getSubgroups()) {
      if (sub.containsMember(self)) {
        continue;
      }
      List<Address> candidates = sub.getMembers().stream()
          .filter(a -> view.containsMember(a) && !a.equals(self)).toList();
      if (!candidates.isEmpty() && candidates.stream().noneMatch(targets::contains)) {
        targets.add(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
      }
    }
    targets.forEach(a -> full(a, "merge"));
    return targets;
  }

  /**
   * Catches up a State added after joining.
   *
   * @param key its key
   * @param holdReadiness true while the peer is not yet ready
   */
  void catchUp(String key, boolean holdReadiness) {
    List<Address> targets = others.get();
    if (targets.isEmpty()) {
      return;
    }
    if (holdReadiness) {
      pendingCatchUps.incrementAndGet();
    }
    List<CompletableFuture<Boolean>> round = new ArrayList<>();
    for (Address target : targets) {
      round.add(exchanger.exchange(target, List.of(key), "catch-up of '" + key + "'"));
    }
    CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
      if (holdReadiness) {
        if (round.stream().noneMatch(f -> f.getNow(false))) {
          // Nobody answered: this State has not got the cluster's data, so neither has the peer.
          // A full join round (with every State) is retried on the settle tick until one succeeds.
          stateReceived.set(false);
        }
        pendingCatchUps.decrementAndGet();
        progress.run();
      }
    });
  }

  private CompletableFuture<Boolean> full(Address target, String why) {
    return exchanger.exchange(target, List.of(), why).thenApply(ok -> {
      if (ok && !stateReceived.getAndSet(true)) {
        progress.run();
      }
      return ok;
    });
  }

  private Optional<Address> randomOther() {
    List<Address> list = others.get();
    return list.isEmpty() ? Optional.empty()
        : Optional.of(list.get(ThreadLocalRandom.current().nextInt(list.size())));
  }
}
