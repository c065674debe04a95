package org.alertcluster.spitests.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.api.State;
import org.alertcluster.spitests.sample.LwwMapState;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded waits for cluster tests: every wait polls (Awaitility) up to a limit and then reports what
 * it saw, never sleeps blindly. Peer views are compared by member names, which order positions.
 */
public final class ClusterAwait {

  private static final Duration POLL = Duration.ofMillis(25);

  private ClusterAwait() {}

  /**
   * Polls {@code condition} until it holds or {@code timeout} passes. Exceptions thrown by the
   * condition count as "not yet".
   *
   * @param timeout the longest to wait
   * @param condition what to wait for
   * @return true if it held within the timeout
   */
  public static boolean within(Duration timeout, BooleanSupplier condition) {
    try {
      await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).ignoreExceptions()
          .until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * Polls {@code condition} and reports whether it held at every poll for {@code period}: for
   * "stays apart" and "is not delivered" checks.
   *
   * @param period how long the condition must keep holding
   * @param condition what must keep holding
   * @return true if it never failed during the period
   */
  public static boolean holdsFor(Duration period, BooleanSupplier condition) {
    try {
      // Wait for the condition to break: a timeout means it held at every poll.
      await().atMost(period).pollDelay(Duration.ZERO).pollInterval(POLL)
          .until(() -> !condition.getAsBoolean());
      return false;
    } catch (ConditionTimeoutException e) {
      return true;
    }
  }

  /**
   * Waits until every peer sees the same {@code size} members, each peer's position is the index of
   * its own name, and the positions are {@code 0..size-1}.
   *
   * @param timeout the longest to wait
   * @param peers the peers
   * @param size the expected cluster size
   * @throws AssertionError if that does not happen in time, with every peer's view
   */
  public static void awaitSameView(Duration timeout, Collection<? extends Peer> peers, int size) {
    if (!within(timeout, () -> sameView(peers, size))) {
      throw new AssertionError("peers did not agree on a view of " + size + " members within "
          + timeout.toMillis() + " ms: " + views(peers));
    }
  }

  /**
   * Whether every peer sees the same {@code size} members in name order with consistent positions.
   *
   * @param peers the peers
   * @param size the expected cluster size
   * @return true if they agree
   */
  public static boolean sameView(Collection<? extends Peer> peers, int size) {
    List<String> first = null;
    for (Peer p : peers) {
      List<String> names = names(p.members());
      if (names.size() != size || p.clusterSize() != size
          || !names.equals(names.stream().sorted().toList())
          || p.position() != names.indexOf(p.name())) {
        return false;
      }
      if (first != null && !first.equals(names)) {
        return false;
      }
      first = names;
    }
    Set<Integer> positions = peers.stream().map(Peer::position).collect(Collectors.toSet());
    return positions.size() == peers.size();
  }

  /**
   * Waits until every state holds the same entries.
   *
   * @param timeout the longest to wait
   * @param states the replicas
   * @throws AssertionError if they do not converge in time, with their sizes
   */
  public static void awaitConverged(Duration timeout, List<LwwMapState> states) {
    if (!within(timeout, () -> states.stream().allMatch(s -> s.sameEntries(states.get(0))))) {
      throw new AssertionError("states did not converge within " + timeout.toMillis() + " ms: "
          + states);
    }
  }

  /**
   * Waits until every replica of a host's own State is equivalent to the first: the
   * {@link #awaitConverged(Duration, List)} of any State (that one takes the kit's sample only).
   *
   * @param <S> the host's State type
   * @param timeout the longest to wait
   * @param states the replicas, one per peer
   * @param equivalent when two replicas hold the same data (e.g. the {@code equivalent} of the
   *     host's {@code StateVerification}, or {@link #sameSnapshots})
   * @throws AssertionError if they do not converge in time, with each replica's snapshot size
   */
  public static <S extends State> void awaitConverged(Duration timeout, List<S> states,
      BiPredicate<? super S, ? super S> equivalent) {
    if (!within(timeout, () -> states.stream().allMatch(s -> equivalent.test(s, states.get(0))))) {
      throw new AssertionError("states did not converge within " + timeout.toMillis() + " ms;"
          + " snapshot sizes: " + states.stream().map(s -> s.marshalBinary().length).toList());
    }
  }

  /**
   * Equivalence by equal snapshots, byte for byte: right for a State whose snapshot is canonical
   * (sorted entries), as {@code StateVerification}'s default {@code equivalent}.
   *
   * @param a a replica
   * @param b another replica
   * @return true if their snapshots are equal
   */
  public static boolean sameSnapshots(State a, State b) {
    return Arrays.equals(a.marshalBinary(), b.marshalBinary());
  }

  /**
   * A one-line description of each peer's view, for failure messages.
   *
   * @param peers the peers
   * @return e.g. {@code [01HX.. pos 0 READY sees [01HX.., 01HY..]]}
   */
  public static String views(Collection<? extends Peer> peers) {
    return peers.stream().map(p -> p.name() + " pos " + p.position() + " " + p.status() + " sees "
        + names(p.members())).collect(Collectors.joining("; ", "[", "]"));
  }

  private static List<String> names(List<Member> members) {
    return members.stream().map(Member::name).toList();
  }
}
