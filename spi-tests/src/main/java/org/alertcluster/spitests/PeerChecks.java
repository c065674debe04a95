package org.alertcluster.spitests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.PeerCluster;
import org.opentest4j.AssertionFailedError;

/**
 * What every rule of {@link PeerVerification} waits and fails with: the running test's
 * {@link PeerCluster}, bounded waits ({@link #check}) and failures that name the rule, what broke,
 * the cluster and every peer's view ({@link #fail}). One per test.
 */
final class PeerChecks {

  /** The key of the sample State the rules replicate. */
  static final String KEY = "kit";

  private final PeerCluster cluster;
  private final Duration timeout;
  private final String subject;

  /**
   * @param cluster the test's peers
   * @param timeout the longest any single wait may take
   * @param subject the host's test class, named in failures
   */
  PeerChecks(PeerCluster cluster, Duration timeout, String subject) {
    this.cluster = cluster;
    this.timeout = timeout;
    this.subject = subject;
  }

  PeerCluster cluster() {
    return cluster;
  }

  Duration timeout() {
    return timeout;
  }

  /** Waits (bounded) until {@code condition} holds, else fails the rule with {@code broke}. */
  void check(PeerRule rule, Collection<Peer> peers, BooleanSupplier condition,
      Supplier<String> broke) {
    if (!ClusterAwait.within(timeout, condition)) {
      fail(rule, peers, broke.get() + " (waited " + timeout.toMillis() + " ms)");
    }
  }

  /** Fails the rule: what broke, the cluster name and every peer's view. */
  void fail(PeerRule rule, Collection<Peer> peers, String broke) {
    throw new AssertionFailedError(FailureMessage.builder(rule, subject)
        .line("broke", broke)
        .line("cluster", cluster.clusterName())
        .line("views", ClusterAwait.views(peers))
        .build());
  }

  void awaitView(PeerRule rule, List<Peer> peers, int n) {
    check(rule, peers, () -> ClusterAwait.sameView(peers, n),
        () -> "precondition: the peers did not form a cluster of " + n);
  }

  void awaitReady(PeerRule rule, List<Peer> peers) {
    check(rule, peers, () -> peers.stream().allMatch(p -> p.status().isReady()),
        () -> "precondition: the peers did not become ready");
  }

  /** The acknowledgement of a broadcast, waited for twice the timeout it was given. */
  BroadcastAck await(PeerRule rule, Collection<Peer> peers, CompletionStage<BroadcastAck> stage)
      throws InterruptedException {
    try {
      return stage.toCompletableFuture().get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(rule, peers, "broadcastAcknowledged did not complete within " + 2 * timeout.toMillis()
          + " ms (its own timeout was " + timeout.toMillis() + " ms)");
    } catch (ExecutionException e) {
      fail(rule, peers, "broadcastAcknowledged completed exceptionally: " + e.getCause());
    }
    throw new AssertionError("unreachable");
  }

  /** Registers a sample State on each peer holding {@code entriesEach} entries never broadcast. */
  List<LwwMapState> writeLocally(List<Peer> peers, int entriesEach) {
    List<LwwMapState> states = new ArrayList<>();
    for (int p = 0; p < peers.size(); p++) {
      LwwMapState state = new LwwMapState(KEY);
      for (int i = 0; i < entriesEach; i++) {
        state.put("peer" + p + "-" + i, "v" + i, i + 1);
      }
      peers.get(p).addState(state);
      states.add(state);
    }
    return states;
  }

  static List<String> names(List<Member> members) {
    return members.stream().map(Member::name).toList();
  }

  static List<Integer> sizes(List<LwwMapState> states) {
    return states.stream().map(LwwMapState::size).toList();
  }
}
