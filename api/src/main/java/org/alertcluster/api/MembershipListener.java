package org.alertcluster.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when members join, leave gracefully or fail. Register with
 * {@link Peer#addMembershipListener(MembershipListener)}.
 *
 * <p>Every method has an empty default so a host overrides only what it needs. The peer calls them
 * one at a time, in view order, from a single notification thread: they must return quickly and must
 * not call back into {@link Peer#leave(java.time.Duration)}. An exception thrown by a listener is
 * logged and ignored.
 */
@ConsumerType
public interface MembershipListener {

  /**
   * A member joined the view, including one that rejoined after failing or a subgroup that merged
   * back after a partition.
   *
   * @param member the new member
   */
  default void joined(Member member) {}

  /**
   * A member left gracefully ({@link Peer#leave(java.time.Duration)}). It is not counted as a failed
   * peer.
   *
   * @param member the member that left
   */
  default void left(Member member) {}

  /**
   * A member disappeared without leaving (crash, kill, partition). The peer tracks it as a failed peer,
   * keeps trying to reach it for {@link ClusterConfig#reconnectTimeout()}, then forgets it.
   *
   * @param member the member that failed
   */
  default void failed(Member member) {}
}
