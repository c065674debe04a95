package org.alertcluster.examples.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.alertcluster.api.Peer;

/**
 * The pipeline's view of the cluster: Alertmanager's {@code ClusterGossipSettleStage} (wait until the
 * peer is ready) and {@code ClusterWaitStage} (wait {@code position × peerTimeout}). Without a peer
 * (clustering disabled) it never waits.
 */
public final class ClusterGate {

  private final Peer peer;
  private final Duration peerTimeout;
  private final Duration fixedWait;

  private ClusterGate(Peer peer, Duration peerTimeout, Duration fixedWait) {
    this.peer = peer;
    this.peerTimeout = peerTimeout;
    this.fixedWait = fixedWait;
  }

  /**
   * A gate for a clustered node.
   *
   * @param peer the peer
   * @param peerTimeout the wait per position
   * @return the gate
   */
  public static ClusterGate of(Peer peer, Duration peerTimeout) {
    return new ClusterGate(Objects.requireNonNull(peer, "peer"), Objects.requireNonNull(peerTimeout), Duration.ZERO);
  }

  /** @return a gate that never waits: clustering disabled */
  public static ClusterGate disabled() {
    return new ClusterGate(null, Duration.ZERO, Duration.ZERO);
  }

  /** For tests of the pipeline: always ready, always waits {@code wait} (a replica behind position 0). */
  static ClusterGate waiting(Duration wait) {
    return new ClusterGate(null, Duration.ZERO, wait);
  }

  /**
   * Waits until the peer is ready.
   *
   * @param deadline the longest to wait
   * @return true if ready (or no peer)
   * @throws InterruptedException on shutdown
   */
  public boolean awaitReady(Instant deadline) throws InterruptedException {
    if (peer == null || peer.status().isReady()) {
      return true;
    }
    Duration left = Duration.between(Instant.now(), deadline);
    return !left.isNegative() && peer.awaitReady(left);
  }

  /** @return how long this replica waits before notifying: its position times the peer timeout */
  public Duration positionWait() {
    return peer == null ? fixedWait : peerTimeout.multipliedBy(peer.position());
  }
}
