package org.alertcluster.api;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The one declaration of each cluster metric: its Prometheus name (Alertmanager's where one exists,
 * {@code alertcluster_*} otherwise), type, labels, unit, help text and how to read it from a
 * {@link ClusterMetrics} snapshot. Every exporter reads this list, so a metric added here appears in
 * the Karaf shell ({@code alertcluster:metrics}), in the per-peer JMX MBean and in the Micrometer
 * binder at once, under the same name.
 *
 * <p>Units: counts unless {@link #unit()} says {@code "bytes"}. Counters only grow while the peer
 * lives; gauges are current values.
 */
public enum ClusterMetric {

  /** Members of the current view including this one. */
  MEMBERS("alertmanager_cluster_members", Type.GAUGE, "", "members",
      "Number indicating current number of members in cluster.", ClusterMetrics::members),
  /** Failed peers still being retried. */
  FAILED_PEERS("alertmanager_cluster_failed_peers", Type.GAUGE, "", "peers",
      "Number indicating the current number of failed peers in the cluster.",
      ClusterMetrics::failedPeers),
  /** This member's position. */
  POSITION("alertmanager_peer_position", Type.GAUGE, "", "",
      "Position the Alertmanager instance believes it is in.", ClusterMetrics::position),
  /** Members that joined, this one included. */
  PEERS_JOINED("alertmanager_cluster_peers_joined_total", Type.COUNTER, "", "peers",
      "A counter of the number of peers that have joined.", ClusterMetrics::peersJoined),
  /** Every departure, graceful or not (Alertmanager's meaning). */
  PEERS_LEFT("alertmanager_cluster_peers_left_total", Type.COUNTER, "", "peers",
      "A counter of the number of peers that have left (gracefully or failed).",
      m -> m.peersLeft() + m.peersFailed()),
  /** Departures without a goodbye. */
  PEERS_FAILED("alertcluster_cluster_peers_failed_total", Type.COUNTER, "", "peers",
      "Peers that left the view without saying goodbye.", ClusterMetrics::peersFailed),
  /** Failed peers that came back. */
  RECONNECTIONS("alertmanager_cluster_reconnections_total", Type.COUNTER, "", "",
      "A counter of the number of cluster peer reconnections.", ClusterMetrics::reconnections),
  /** Members seen with another member's name. */
  NAME_CONFLICTS("alertmanager_cluster_peer_name_conflicts_total", Type.COUNTER, "", "",
      "Total number of times memberlist has noticed conflicting peer names.",
      ClusterMetrics::nameConflicts),
  /** Update broadcasts sent. */
  UPDATES_SENT("alertmanager_cluster_messages_sent_total", Type.COUNTER, "update", "messages",
      "Total number of cluster messages sent.", ClusterMetrics::updatesSent),
  /** Bytes of update broadcasts sent. */
  UPDATE_BYTES_SENT("alertmanager_cluster_messages_sent_size_total", Type.COUNTER, "update",
      "bytes", "Total size of cluster messages sent.", ClusterMetrics::updateBytesSent),
  /** Full states sent. */
  FULL_STATES_SENT("alertmanager_cluster_messages_sent_total", Type.COUNTER, "full_state",
      "messages", "Total number of cluster messages sent.", ClusterMetrics::fullStatesSent),
  /** Bytes of full states sent. */
  FULL_STATE_BYTES_SENT("alertmanager_cluster_messages_sent_size_total", Type.COUNTER,
      "full_state", "bytes", "Total size of cluster messages sent.",
      ClusterMetrics::fullStateBytesSent),
  /** Update broadcasts received. */
  UPDATES_RECEIVED("alertmanager_cluster_messages_received_total", Type.COUNTER, "update",
      "messages", "Total number of cluster messages received.", ClusterMetrics::updatesReceived),
  /** Bytes of update broadcasts received. */
  UPDATE_BYTES_RECEIVED("alertmanager_cluster_messages_received_size_total", Type.COUNTER,
      "update", "bytes", "Total size of cluster messages received.",
      ClusterMetrics::updateBytesReceived),
  /** Full states received. */
  FULL_STATES_RECEIVED("alertmanager_cluster_messages_received_total", Type.COUNTER,
      "full_state", "messages", "Total number of cluster messages received.",
      ClusterMetrics::fullStatesReceived),
  /** Bytes of full states received. */
  FULL_STATE_BYTES_RECEIVED("alertmanager_cluster_messages_received_size_total", Type.COUNTER,
      "full_state", "bytes", "Total size of cluster messages received.",
      ClusterMetrics::fullStateBytesReceived),
  /** Oversized broadcasts sent (one per multicast). */
  OVERSIZED_SENT("alertmanager_oversized_gossip_message_sent_total", Type.COUNTER, "", "messages",
      "Number of oversized gossip messages sent.", ClusterMetrics::oversizedSent),
  /** Oversized broadcasts dropped on a full queue. */
  OVERSIZED_DROPPED("alertmanager_oversized_gossip_message_dropped_total", Type.COUNTER, "",
      "messages", "Number of oversized gossip messages that were dropped due to a full message queue.",
      ClusterMetrics::oversizedDropped),
  /** Broadcasts queued now. */
  MESSAGES_QUEUED("alertmanager_cluster_messages_queued", Type.GAUGE, "", "messages",
      "Number of cluster messages which are queued.", ClusterMetrics::queueDepth),
  /** Broadcasts dropped on a full queue. */
  MESSAGES_PRUNED("alertmanager_cluster_messages_pruned_total", Type.COUNTER, "", "messages",
      "Total number of cluster messages pruned.", ClusterMetrics::messagesPruned),
  /** State merges that threw. */
  MERGES_FAILED("alertcluster_merges_failed_total", Type.COUNTER, "", "",
      "Merges a State rejected (malformed data from a peer); the data was dropped.",
      ClusterMetrics::mergesFailed),
  /** State marshals that threw. */
  MARSHALS_FAILED("alertcluster_marshals_failed_total", Type.COUNTER, "", "",
      "State marshals that threw; the key was left out of a full state.",
      ClusterMetrics::marshalsFailed),
  /** Data for unregistered keys. */
  UNKNOWN_KEYS("alertcluster_unknown_keys_total", Type.COUNTER, "", "",
      "Updates or full-state parts for a key with no registered State; ignored.",
      ClusterMetrics::unknownKeys),
  /** Undecodable network messages. */
  MALFORMED_MESSAGES("alertcluster_malformed_messages_total", Type.COUNTER, "", "messages",
      "Messages from the network that could not be decoded; dropped.",
      ClusterMetrics::malformedMessages),
  /** Full-state exchanges without an answer. */
  EXCHANGES_FAILED("alertcluster_exchanges_failed_total", Type.COUNTER, "", "",
      "Full-state exchanges that got no answer in time or failed.", ClusterMetrics::exchangesFailed);

  /** Prometheus metric types. */
  public enum Type {
    /** Only grows while the peer lives. */
    COUNTER,
    /** A current value. */
    GAUGE
  }

  /** The label Alertmanager uses to tell update from full-state messages: {@value}. */
  public static final String MSG_TYPE_LABEL = "msg_type";

  private final String prometheusName;
  private final Type type;
  private final String msgType;
  private final String unit;
  private final String help;
  private final ToLongFunction<ClusterMetrics> reader;

  ClusterMetric(String prometheusName, Type type, String msgType, String unit, String help,
      ToLongFunction<ClusterMetrics> reader) {
    this.prometheusName = prometheusName;
    this.type = type;
    this.msgType = msgType;
    this.unit = unit;
    this.help = help;
    this.reader = reader;
  }

  /**
   * The name in the Prometheus text format, with {@code _total} on counters, e.g.
   * {@code alertmanager_cluster_peers_joined_total}.
   *
   * @return the exposition name
   */
  public String prometheusName() {
    return prometheusName;
  }

  /**
   * The name without the counter suffix {@code _total}: what a metrics library that appends it
   * itself (Micrometer, prometheus-metrics) is given.
   *
   * @return the base name
   */
  public String baseName() {
    return type == Type.COUNTER && prometheusName.endsWith("_total")
        ? prometheusName.substring(0, prometheusName.length() - "_total".length())
        : prometheusName;
  }

  /**
   * A JMX attribute / shell row name, unique per metric: the constant in UpperCamelCase, e.g.
   * {@code UpdateBytesSent}.
   *
   * @return the attribute name
   */
  public String attributeName() {
    StringBuilder b = new StringBuilder();
    for (String part : name().split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return b.toString();
  }

  /** @return counter or gauge */
  public Type type() {
    return type;
  }

  /**
   * The labels of this series: {@code msg_type} for message counters, none otherwise.
   *
   * @return label name to value, possibly empty
   */
  public Map<String, String> labels() {
    return msgType.isEmpty() ? Map.of() : Map.of(MSG_TYPE_LABEL, msgType);
  }

  /** @return the unit of the value: {@code "bytes"}, {@code "messages"}, {@code "peers"}, ... or empty */
  public String unit() {
    return unit;
  }

  /** @return the help text (Alertmanager's where the metric is Alertmanager's) */
  public String help() {
    return help;
  }

  /**
   * Reads this metric from a snapshot.
   *
   * @param metrics a snapshot from {@link Peer#metrics()}
   * @return the value
   */
  public long valueIn(ClusterMetrics metrics) {
    return reader.applyAsLong(metrics);
  }
}
