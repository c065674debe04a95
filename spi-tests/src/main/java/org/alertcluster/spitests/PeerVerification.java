package org.alertcluster.spitests;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.LinkControl;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

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
 *
 * <p>As in the reactive-streams TCK, this class is the one a host extends and every rule is a test
 * method here, named after the rule; the rules' bodies live by concern in package-private classes
 * ({@code MembershipRules}, {@code BroadcastRules}, {@code StateTransferRules}) over one
 * {@code PeerChecks} per test, which waits (bounded) and words the failures.
 */
public abstract class PeerVerification implements PeerVerificationRules {

  private final VerificationEnvironment environment;
  private PeerCluster cluster;
  private MembershipRules membership;
  private BroadcastRules broadcasts;
  private StateTransferRules stateTransfer;

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
    PeerChecks checks = new PeerChecks(cluster, timeout(), getClass().getName());
    membership = new MembershipRules(checks);
    broadcasts = new BroadcastRules(checks);
    stateTransfer = new StateTransferRules(checks);
  }

  @AfterEach
  void closeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  // ---------------------------------------------------------------- membership

  @Override
  @Test
  public void required_join01_peersJoinAndAgreeOnMembership() {
    membership.join01(peerCount());
  }

  @Override
  @Test
  public void required_ready01_readyCompletesAfterSettling() throws Exception {
    membership.ready01(peerCount());
  }

  @Override
  @Test
  public void required_leave01_leaveIsSeenAsLeft() {
    membership.leave01(peerCount());
  }

  @Override
  @Test
  public void required_fail01_crashIsSeenAsFailed() {
    membership.fail01(peerCount(), this::crash);
  }

  @Override
  @Test
  public void required_name01_clustersWithDifferentNamesStayApart() {
    membership.name01();
  }

  @Override
  @Test
  public void required_heal01_splitWrittenHealedClusterConverges() {
    membership.heal01(linkControl());
  }

  @Override
  @Test
  public void required_rank01_everyPeerRanksEachKeyAlike() {
    membership.rank01(peerCount());
  }

  // ---------------------------------------------------------------- broadcasts

  @Override
  @Test
  public void required_bcast01_broadcastsReachEveryOtherPeer() {
    broadcasts.bcast01(peerCount());
  }

  @Override
  @Test
  public void required_bcast02_oversizedBroadcastsReachEveryOtherPeer() {
    broadcasts.bcast02(peerCount());
  }

  @Override
  @Test
  public void required_remove01_removeStateStopsDelivery() {
    broadcasts.remove01(peerCount());
  }

  @Override
  @Test
  public void required_ack01_acknowledgedBroadcastCompletesWhenEveryoneApplied() throws Exception {
    broadcasts.ack01(peerCount());
  }

  @Override
  @Test
  public void required_ack02_memberThatDidNotApplyIsReported() throws Exception {
    broadcasts.ack02(peerCount());
  }

  // ---------------------------------------------------------------- state transfer

  @Override
  @Test
  public void required_state01_lateJoinerReceivesFullState() {
    stateTransfer.state01(peerCount());
  }

  @Override
  @Test
  public void required_state02_stateAddedAfterJoinIsCaughtUp() {
    stateTransfer.state02(peerCount());
  }
}
