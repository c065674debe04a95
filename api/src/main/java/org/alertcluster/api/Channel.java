package org.alertcluster.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outgoing side of one registered {@link State}: what the host calls after each local change so
 * that the other replicas merge it. Returned by {@link Peer#addState(State)}; in OSGi also registered
 * as a service with {@link State#KEY_PROPERTY} set to the key.
 *
 * <p>Delivery: every member of the current view except this one receives the bytes and passes them to
 * its own State with the same key ({@link State#merge(byte[])}). Delivery is reliable while the
 * members stay connected (JGroups retransmits); a member that misses a broadcast because it was
 * partitioned or not yet joined catches up at the next full-state exchange. Ordering between
 * broadcasts is not guaranteed and must not matter (merges are commutative).
 *
 * <p>A message larger than {@link ClusterConfig#oversizedMessageThreshold()} goes through a separate
 * bounded queue and sender so that it cannot hold up small updates, like Alertmanager's oversized
 * gossip path. When a queue is full, the oldest message of the ordinary queue is pruned
 * ({@link ClusterMetric#MESSAGES_PRUNED}) or the new oversized message is dropped
 * ({@link ClusterMetric#OVERSIZED_DROPPED}); anti-entropy later repairs either loss.
 */
@ProviderType
public interface Channel {

  /**
   * The key of the State this channel belongs to.
   *
   * @return the key, as returned by {@link State#key()}
   */
  String key();

  /**
   * Queues {@code data} for delivery to every other member and returns at once: it never blocks the
   * caller on the network, on flow control or on a slow peer, so it is safe on a notification path.
   * The array must not be modified after the call. After {@link Peer#removeState(String)} for this key,
   * or after the peer has left, the call does nothing.
   *
   * @param data a delta in the form the State's {@link State#merge(byte[])} accepts; not {@code null}
   * @throws NullPointerException if {@code data} is null
   */
  void broadcast(byte[] data);
}
