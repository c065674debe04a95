package org.alertcluster.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
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

  /**
   * Broadcasts {@code data} like {@link #broadcast(byte[])} and reports which members have applied
   * it: the returned stage completes once every other member of the current view has merged the
   * update into its State with this key (each answers after its {@link State#merge(byte[])}
   * returned), or when {@code timeout} has passed, with the members that did and did not. A member
   * that leaves or fails meanwhile is reported as not acknowledged at once (membership is exact), so
   * the stage does not wait for it. Use it to act on "everyone knows" rather than on timing: e.g.
   * a lease on a piece of work is safe to use once every live member holds it.
   *
   * <p>Like {@code broadcast}, this never blocks the caller: the update is queued and the stage is
   * completed on the peer's notification thread ({@code alertcluster-<node name>-notify}, the one
   * that completes {@link Peer#ready()} and calls the {@link MembershipListener}s; see
   * {@link Peer}), so actions chained without an executor run there and must not block. A stage
   * returned already complete (below) runs a newly chained action on the caller's thread. Delivery of the data is as
   * for {@code broadcast}; only the acknowledgement is added (one small unicast per member). When
   * this member is alone, the stage is already complete with two empty sets. After
   * {@link Peer#removeState(String)} for this key or after the peer has left, nothing is sent and
   * the stage is already complete with every other member not acknowledged.
   *
   * <p>An abstract method, not a {@code default} one: only the peer knows who applied an update, so
   * no implementation in terms of the rest of the api would be true, and {@code Channel} is a
   * {@code @ProviderType} (providers import the api's minor version exactly and are rebuilt for
   * 1.1; hosts, which only call it, are unaffected).
   *
   * @param data a delta in the form the State's {@link State#merge(byte[])} accepts; not
   *     {@code null}, not modified after the call
   * @param timeout the longest to wait for acknowledgements; positive
   * @return a stage completed (never exceptionally) with who acknowledged and who did not
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @since 1.1
   */
  CompletionStage<BroadcastAck> broadcastAcknowledged(byte[] data, Duration timeout);
}
