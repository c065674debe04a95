package org.alertcluster.spitests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.LinkControl;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance test for a {@link Peer} implementation, through the api alone: subclass it, say how
 * to create a peer from a configuration, and the rules of {@link PeerVerificationRules} run against
 * real peers on 127.0.0.1, replicating the sample {@link LwwMapState}.
 *
 * <pre>{@code
 * class MyPeerConformanceTest extends PeerVerification {
 *   @Override protected Peer createPeer(ClusterConfig config) { return Peers.create(config); }
 *   @Override protected void crash(Peer peer) { ((MyPeer) peer).halt(); }   // optional
 * }
 * }</pre>
 *
 * <p>Every test gets its own cluster name ({@code kit-<rule>-<random>}) and its own
 * {@link PeerCluster}, whose peers are closed after the test whether it passed or not. Waits are
 * bounded by {@link #timeout()}.
 */
public abstract class PeerVerification implements PeerVerificationRules {

  private static final String KEY = "kit";

  private final VerificationEnvironment environment;
  private PeerCluster cluster;

  /** Uses {@link VerificationEnvironment#fromSystemProperties()}. */
  protected PeerVerification() {
    this(VerificationEnvironment.fromSystemProperties());
  }

  /**
   * Uses a given environment.
   *
   * @param environment the environment
   */
  protected PeerVerification(VerificationEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Creates a peer of the implementation under test. It must be joining when returned, as
   * {@link org.alertcluster.api.spi.PeerProvider#create(ClusterConfig)} specifies.
   *
   * @param config the configuration the kit built
   * @return a new peer
   */
  protected abstract Peer createPeer(ClusterConfig config);

  /**
   * Makes a peer vanish without a goodbye, as {@code kill -9} or a pulled cable would (rule fail01).
   * The default throws {@link UnsupportedOperationException}, which skips the rule.
   *
   * @param peer a peer created by {@link #createPeer(ClusterConfig)}
   */
  protected void crash(Peer peer) {
    throw new UnsupportedOperationException("crash(Peer) is not overridden");
  }

  /**
   * How to cut and restore links between peers of the implementation under test (rule heal01).
   * The default returns null, which skips the rule.
   *
   * @return the host's link control, or null
   */
  protected LinkControl linkControl() {
    return null;
  }

  /**
   * Changes the configuration the kit built ({@link PeerCluster#testDefaults}) before each peer is
   * created, for example to point at a stack file. Keep timings short.
   *
   * @param builder the kit's configuration
   * @return the builder to build
   */
  protected ClusterConfig.Builder configure(ClusterConfig.Builder builder) {
    return builder;
  }

  /**
   * Peers per multi-peer rule. Default 3.
   *
   * @return at least 2
   */
  protected int peerCount() {
    return 3;
  }

  /**
   * The longest any single wait may take. Default {@link VerificationEnvironment#timeout()}.
   *
   * @return a positive duration
   */
  protected Duration timeout() {
    return environment.timeout();
  }

  /**
   * The peers of the running test.
   *
   * @return the cluster of the running test
   */
  protected final PeerCluster cluster() {
    return cluster;
  }

  @BeforeEach
  void createCluster(TestInfo info) {
    String method = info.getTestMethod().map(m -> m.getName()).orElse("rule");
    String[] parts = method.split("_");
    String rule = parts.length > 1 ? parts[1] : method;
    cluster = new PeerCluster(this::createPeer,
        "kit-" + rule + "-" + UUID.randomUUID().toString().substring(0, 8), this::configure);
  }

  @AfterEach
  void closeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  @Test
  public void required_join01_peersJoinAndAgreeOnMembership() {
    int n = Math.max(2, peerCount());
    List<Peer> peers = cluster.start(n);
    check(PeerRule.JOIN01, peers, () -> ClusterAwait.sameView(peers, n),
        () -> "the " + n + " peers did not agree on membership and positions 0.." + (n - 1));
  }

  @Override
  @Test
  public void required_ready01_readyCompletesAfterSettling() throws Exception {
    List<Peer> peers = cluster.start(Math.max(2, peerCount()));
    for (Peer peer : peers) {
      try {
        peer.ready().toCompletableFuture().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        fail(PeerRule.READY01, peers, "ready() of " + peer.name() + " did not complete within "
            + timeout().toMillis() + " ms; status " + peer.status());
      } catch (ExecutionException e) {
        fail(PeerRule.READY01, peers, "ready() of " + peer.name() + " completed exceptionally: "
            + e.getCause() + "; status " + peer.status());
      }
      PeerStatus status = peer.status();
      if (!status.isReady() || !peer.awaitReady(Duration.ZERO)) {
        fail(PeerRule.READY01, peers, "ready() completed but status is " + status
            + " and awaitReady(0) is " + peer.awaitReady(Duration.ZERO));
      }
    }
  }

  @Override
  @Test
  public void required_bcast01_broadcastsReachEveryOtherPeer() {
    broadcastFromEach(PeerRule.BCAST01, "hello");
  }

  @Override
  @Test
  public void required_bcast02_oversizedBroadcastsReachEveryOtherPeer() {
    broadcastFromEach(PeerRule.BCAST02, null);
  }

  private void broadcastFromEach(PeerRule rule, String smallValue) {
    int n = Math.max(2, peerCount());
    // States are registered as each peer starts and the broadcasts wait until all are ready, so any
    // join-time exchange is over and the entries below can only travel as broadcasts.
    List<LwwMapState> states = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<Peer> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Peer peer = cluster.startKnowing(cluster.clusterName(), peers.isEmpty() ? List.of()
          : List.of(peers.get(0)));
      LwwMapState state = new LwwMapState(KEY);
      channels.add(peer.addState(state));
      states.add(state);
      peers.add(peer);
    }
    awaitView(rule, peers, n);
    awaitReady(rule, peers);
    int size = 3 * peers.get(0).config().oversizedMessageThreshold();
    for (int i = 0; i < n; i++) {
      String value = smallValue != null ? smallValue : String.valueOf((char) ('a' + i)).repeat(size);
      channels.get(i).broadcast(states.get(i).put("from-" + i, value, i + 1));
    }
    check(rule, peers, () -> states.stream().allMatch(s -> s.size() == n),
        () -> "not every peer received every other peer's broadcast; entries per peer: "
            + states.stream().map(s -> s.entries().keySet().toString()).toList());
  }

  @Override
  @Test
  public void required_state01_lateJoinerReceivesFullState() {
    int n = Math.max(2, peerCount());
    List<Peer> early = cluster.start(n - 1);
    awaitView(PeerRule.STATE01, early, n - 1);
    List<LwwMapState> states = writeLocally(early, 20);
    Peer late = cluster.startKnowing(cluster.clusterName(), List.of(early.get(0)));
    LwwMapState lateState = new LwwMapState(KEY);
    late.addState(lateState);
    int expected = 20 * (n - 1);
    check(PeerRule.STATE01, cluster.created(), () -> lateState.size() >= expected,
        () -> "the late joiner holds " + lateState.size() + " of the " + expected
            + " entries written before it joined (existing peers: " + sizes(states) + ")");
  }

  @Override
  @Test
  public void required_state02_stateAddedAfterJoinIsCaughtUp() {
    int n = Math.max(2, peerCount());
    List<Peer> peers = cluster.start(n);
    awaitView(PeerRule.STATE02, peers, n);
    awaitReady(PeerRule.STATE02, peers);
    List<LwwMapState> states = writeLocally(peers.subList(0, n - 1), 10);
    LwwMapState added = new LwwMapState(KEY);
    peers.get(n - 1).addState(added);
    int expected = 10 * (n - 1);
    check(PeerRule.STATE02, peers, () -> added.size() >= expected,
        () -> "a State added to a ready peer holds " + added.size() + " of the " + expected
            + " entries the others hold (" + sizes(states) + ")");
  }

  @Override
  @Test
  public void required_leave01_leaveIsSeenAsLeft() {
    List<Peer> peers = cluster.start(Math.max(2, peerCount()));
    new MembershipRule(PeerRule.LEAVE01, peers, this).run(leaver -> {
      leaver.leave(Duration.ofSeconds(5));
      if (leaver.status() != PeerStatus.LEFT) {
        fail(PeerRule.LEAVE01, peers, "after leave() the status is " + leaver.status());
      }
    }, "left", "failed");
  }

  @Override
  @Test
  public void required_fail01_crashIsSeenAsFailed() {
    List<Peer> peers = cluster.start(Math.max(2, peerCount()));
    new MembershipRule(PeerRule.FAIL01, peers, this).run(victim -> {
      try {
        crash(victim);
      } catch (UnsupportedOperationException e) {
        Assumptions.abort("fail01 skipped: override crash(Peer) to make a peer vanish without a "
            + "goodbye (" + e.getMessage() + ")");
      }
    }, "failed", "left");
  }

  @Override
  @Test
  public void required_name01_clustersWithDifferentNamesStayApart() {
    List<Peer> ours = cluster.start(2);
    awaitView(PeerRule.NAME01, ours, 2);
    Peer stranger = cluster.startKnowing(cluster.clusterName() + "-other", List.of(ours.get(0)));
    List<Peer> all = cluster.created();
    awaitReady(PeerRule.NAME01, List.of(stranger));
    LwwMapState ourState0 = new LwwMapState(KEY);
    LwwMapState ourState1 = new LwwMapState(KEY);
    LwwMapState strangerState = new LwwMapState(KEY);
    Channel ourChannel = ours.get(0).addState(ourState0);
    ours.get(1).addState(ourState1);
    Channel strangerChannel = stranger.addState(strangerState);
    strangerChannel.broadcast(strangerState.put("stranger", "x", 1));
    ourChannel.broadcast(ourState0.put("ours", "y", 1));
    check(PeerRule.NAME01, all, () -> ourState1.get("ours").isPresent(),
        () -> "control broadcast within the cluster did not arrive");
    boolean apart = ClusterAwait.holdsFor(Duration.ofSeconds(1), () -> stranger.clusterSize() == 1
        && ours.stream().allMatch(p -> p.clusterSize() == 2)
        && ourState1.get("stranger").isEmpty() && strangerState.get("ours").isEmpty());
    if (!apart) {
      fail(PeerRule.NAME01, all, "a peer of cluster '" + stranger.config().clusterName()
          + "' mixed with cluster '" + cluster.clusterName() + "': stranger sees "
          + stranger.clusterSize() + " members; stranger's entries " + strangerState.entries()
          .keySet() + ", ours " + ourState1.entries().keySet());
    }
  }

  @Override
  @Test
  public void required_remove01_removeStateStopsDelivery() {
    int n = Math.max(3, peerCount());
    List<Peer> peers = cluster.start(n);
    awaitView(PeerRule.REMOVE01, peers, n);
    List<LwwMapState> states = new ArrayList<>();
    List<LwwMapState> probes = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<Channel> probeChannels = new ArrayList<>();
    for (Peer peer : peers) {
      LwwMapState state = new LwwMapState(KEY);
      LwwMapState probe = new LwwMapState(KEY + "-probe");
      states.add(state);
      probes.add(probe);
      channels.add(peer.addState(state));
      probeChannels.add(peer.addState(probe));
    }
    Peer remover = peers.get(1);
    remover.removeState(KEY);
    if (remover.channel(KEY).isPresent()) {
      fail(PeerRule.REMOVE01, peers, "channel(key) is still present after removeState(key)");
    }
    channels.get(0).broadcast(states.get(0).put("after-remove", "x", 1));
    probeChannels.get(0).broadcast(probes.get(0).put("probe-0", "x", 1));
    channels.get(1).broadcast(states.get(1).put("from-removed-channel", "z", 1));
    probeChannels.get(1).broadcast(probes.get(1).put("probe-1", "x", 1));
    // Controls: the same broadcasts did arrive where the State is still registered.
    check(PeerRule.REMOVE01, peers, () -> states.get(2).get("after-remove").isPresent()
            && probes.get(1).get("probe-0").isPresent() && probes.get(0).get("probe-1").isPresent(),
        () -> "control broadcasts did not arrive");
    if (states.get(1).get("after-remove").isPresent()) {
      fail(PeerRule.REMOVE01, peers, "a broadcast for the removed key was merged into the removed "
          + "State");
    }
    if (states.get(0).get("from-removed-channel").isPresent()
        || states.get(2).get("from-removed-channel").isPresent()) {
      fail(PeerRule.REMOVE01, peers, "the removed State's old channel still sends");
    }
  }

  @Override
  @Test
  public void required_heal01_splitWrittenHealedClusterConverges() {
    LinkControl links = linkControl();
    Assumptions.assumeTrue(links != null,
        "heal01 skipped: override linkControl() to let the kit cut links between your peers");
    cluster.withLinkControl(links);
    List<Peer> peers = cluster.start(3);
    awaitView(PeerRule.HEAL01, peers, 3);
    List<LwwMapState> states = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (Peer peer : peers) {
      LwwMapState state = new LwwMapState(KEY);
      states.add(state);
      channels.add(peer.addState(state));
    }
    List<Peer> big = peers.subList(0, 2);
    List<Peer> small = peers.subList(2, 3);
    cluster.partition(big, small);
    try {
      check(PeerRule.HEAL01, peers, () -> ClusterAwait.sameView(big, 2)
              && ClusterAwait.sameView(small, 1),
          () -> "precondition: after the links were cut the views did not split into 2 + 1");
      channels.get(0).broadcast(states.get(0).put("big-side", "x", 1));
      channels.get(2).broadcast(states.get(2).put("small-side", "y", 1));
    } finally {
      cluster.heal();
    }
    check(PeerRule.HEAL01, peers, () -> ClusterAwait.sameView(peers, 3),
        () -> "after the links were restored the three peers did not form one view again");
    check(PeerRule.HEAL01, peers, () -> states.stream().allMatch(
            s -> s.get("big-side").isPresent() && s.get("small-side").isPresent()),
        () -> "after the merge not every State holds both sides' writes: "
            + states.stream().map(s -> s.entries().keySet().toString()).toList());
  }

  // ---------------------------------------------------------------- helpers

  private List<LwwMapState> writeLocally(List<Peer> peers, int entriesEach) {
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

  private static List<Integer> sizes(List<LwwMapState> states) {
    return states.stream().map(LwwMapState::size).toList();
  }

  void awaitView(PeerRule rule, List<Peer> peers, int n) {
    check(rule, peers, () -> ClusterAwait.sameView(peers, n),
        () -> "precondition: the peers did not form a cluster of " + n);
  }

  private void awaitReady(PeerRule rule, List<Peer> peers) {
    check(rule, peers, () -> peers.stream().allMatch(p -> p.status().isReady()),
        () -> "precondition: the peers did not become ready");
  }

  void check(PeerRule rule, Collection<Peer> peers, BooleanSupplier condition,
      Supplier<String> broke) {
    if (!ClusterAwait.within(timeout(), condition)) {
      fail(rule, peers, broke.get() + " (waited " + timeout().toMillis() + " ms)");
    }
  }

  void fail(PeerRule rule, Collection<Peer> peers, String broke) {
    throw new AssertionFailedError(FailureMessage.builder(rule, getClass().getName())
        .line("broke", broke)
        .line("cluster", cluster.clusterName())
        .line("views", ClusterAwait.views(peers))
        .build());
  }
}
