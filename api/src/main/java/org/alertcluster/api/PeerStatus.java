package org.alertcluster.api;

/**
 * Where a {@link Peer} is in its life. Alertmanager reports {@code "settling"} and {@code "ready"};
 * this status also tells whether readiness came from actually settling or from the timeout, and
 * whether the peer has left.
 */
public enum PeerStatus {

  /**
   * Joined (or joining) and not yet settled: the initial full-state exchange has not finished, or the
   * membership is still changing. A host should not send notifications yet; its silences and
   * notification log may be incomplete.
   */
  SETTLING,

  /**
   * Settled: the peer has merged the full state of the cluster it joined, and the membership has
   * stopped changing: every known peer is a member, or the view has not changed for
   * {@link ClusterConfig#settleStablePolls()} × {@link ClusterConfig#settleInterval()}. Also the
   * status of a lone first member once its membership is stable.
   */
  READY,

  /**
   * Ready because {@link ClusterConfig#settleTimeout()} passed before the peer settled (for example no
   * member answered the state exchange, or the membership kept changing). The host may proceed, as
   * Alertmanager does, but its state may be incomplete; the peer logs a warning when it enters this
   * status. It can still move to {@link #READY} when a later exchange completes.
   */
  READY_AFTER_TIMEOUT,

  /** Terminal: {@link Peer#leave(java.time.Duration)} or {@link Peer#close()} was called. */
  LEFT;

  /**
   * Whether a host may act on the replicated state.
   *
   * @return true for {@link #READY} and {@link #READY_AFTER_TIMEOUT}
   */
  public boolean isReady() {
    return this == READY || this == READY_AFTER_TIMEOUT;
  }

  /**
   * The status string Alertmanager's API v2 reports in {@code cluster.status}.
   *
   * @return {@code "ready"}, {@code "settling"}, or {@code "left"}
   */
  public String apiValue() {
    return switch (this) {
      case SETTLING -> "settling";
      case READY, READY_AFTER_TIMEOUT -> "ready";
      case LEFT -> "left";
    };
  }
}
