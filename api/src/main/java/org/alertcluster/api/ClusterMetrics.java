package org.alertcluster.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A point-in-time snapshot of a {@link Peer}'s counters and gauges. Counters start at 0 when the peer
 * is created and only grow. Each getter names the Alertmanager metric it corresponds to, so that a host
 * exporting them under Alertmanager's names keeps existing dashboards and alerts working.
 */
@ProviderType
public interface ClusterMetrics {

  /**
   * Members of the current view including this one. {@code alertmanager_cluster_members}.
   *
   * @return the member count
   */
  int members();

  /**
   * Peers that failed (vanished without leaving) and have neither rejoined nor been forgotten after
   * {@link ClusterConfig#reconnectTimeout()}. {@code alertmanager_cluster_failed_peers}.
   *
   * @return failed peers being retried
   */
  int failedPeers();

  /**
   * This member's {@link Peer#position()}. {@code alertmanager_peer_position}.
   *
   * @return the position
   */
  int position();

  /**
   * Members that joined this peer's view, counting this one at start.
   * {@code alertmanager_cluster_peers_joined_total}.
   *
   * @return joins seen
   */
  long peersJoined();

  /**
   * Members that left gracefully. Alertmanager counts every departure in
   * {@code alertmanager_cluster_peers_left_total}; add {@link #peersFailed()} for that figure.
   *
   * @return graceful leaves seen
   */
  long peersLeft();

  /**
   * Members that vanished without leaving.
   *
   * @return failures seen
   */
  long peersFailed();

  /**
   * Failed peers that came back into the view before being forgotten.
   * {@code alertmanager_cluster_reconnections_total}.
   *
   * @return reconnections
   */
  long reconnections();

  /**
   * Members seen with the same name as another member; they are ordered by an internal id for
   * {@link Peer#position()}. {@code alertmanager_cluster_peer_name_conflicts_total}.
   *
   * @return name conflicts seen
   */
  long nameConflicts();

  /**
   * Broadcasts handed to the network (ordinary and oversized). Alertmanager's
   * {@code messages_sent_total{msg_type="update"}} counts gossip transmits instead.
   *
   * @return update messages sent
   */
  long updatesSent();

  /**
   * Bytes of the update messages sent, envelope included.
   * {@code alertmanager_cluster_messages_sent_size_total{msg_type="update"}}.
   *
   * @return bytes sent
   */
  long updateBytesSent();

  /**
   * Update messages received from other members.
   * {@code alertmanager_cluster_messages_received_total{msg_type="update"}}.
   *
   * @return update messages received
   */
  long updatesReceived();

  /**
   * Bytes of update messages received.
   * {@code alertmanager_cluster_messages_received_size_total{msg_type="update"}}.
   *
   * @return bytes received
   */
  long updateBytesReceived();

  /**
   * Full states sent (join, merge, anti-entropy and catch-up exchanges).
   * {@code alertmanager_cluster_messages_sent_total{msg_type="full_state"}}.
   *
   * @return full states sent
   */
  long fullStatesSent();

  /**
   * Bytes of full states sent. {@code ..._sent_size_total{msg_type="full_state"}}.
   *
   * @return bytes sent
   */
  long fullStateBytesSent();

  /**
   * Full states received and merged. {@code ..._received_total{msg_type="full_state"}}.
   *
   * @return full states received
   */
  long fullStatesReceived();

  /**
   * Bytes of full states received. {@code ..._received_size_total{msg_type="full_state"}}.
   *
   * @return bytes received
   */
  long fullStateBytesReceived();

  /**
   * Oversized broadcasts sent. Alertmanager's {@code oversized_gossip_message_sent_total} counts one
   * per receiving peer; this counts one per multicast.
   *
   * @return oversized messages sent
   */
  long oversizedSent();

  /**
   * Oversized broadcasts dropped because their queue was full.
   * {@code alertmanager_oversized_gossip_message_dropped_total}.
   *
   * @return oversized messages dropped
   */
  long oversizedDropped();

  /**
   * Broadcasts waiting in the ordinary and oversized queues now. {@code alertmanager_cluster_messages_queued}.
   *
   * @return queued messages
   */
  int queueDepth();

  /**
   * Ordinary broadcasts dropped because the queue was full (oldest first).
   * {@code alertmanager_cluster_messages_pruned_total}.
   *
   * @return pruned messages
   */
  long messagesPruned();

  /**
   * Calls to {@link State#merge(byte[])} that threw: the data was dropped.
   *
   * @return failed merges
   */
  long mergesFailed();

  /**
   * Calls to {@link State#marshalBinary()} that threw: the key was left out of a full state.
   *
   * @return failed marshals
   */
  long marshalsFailed();

  /**
   * Updates or full-state parts received for a key with no registered State here; they were ignored.
   *
   * @return parts for unknown keys
   */
  long unknownKeys();

  /**
   * Messages from the network that could not be decoded; they were dropped.
   *
   * @return malformed messages
   */
  long malformedMessages();

  /**
   * Full-state exchanges that got no answer within {@link ClusterConfig#tcpTimeout()} or failed.
   *
   * @return failed exchanges
   */
  long exchangesFailed();
}
