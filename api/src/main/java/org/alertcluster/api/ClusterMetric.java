package org.alertcluster.api;

import java.util.Locale;
import java.util.Map;

/**
 * Every counter and gauge a {@link Peer} keeps, declared once: what it counts (the constant's doc),
 * and the name, labels, help text, type and unit it is exported under. The names are Alertmanager's
 * where Alertmanager has the metric (so existing dashboards and alerts keep working) and
 * {@code alertcluster_*} otherwise. A host exporting metrics (Prometheus, JMX) iterates over
 * {@link #values()} rather than repeating names; {@link ClusterMetrics#get(ClusterMetric)} gives the
 * value.
 *
 * <p>Counters start at 0 when the peer is created and only grow; gauges are read at snapshot time.
 * Metrics with the same {@link #prometheusName()} form one family told apart by {@link #labels()}
 * (as Alertmanager's {@code msg_type}); they share help text and type.
 */
public enum ClusterMetric {

  /** Members of the current view, this one included. */
  MEMBERS(Type.GAUGE, "alertmanager_cluster_members", "",
      "Number indicating current number of members in cluster.", "members"),

  /**
   * Peers that failed (vanished without leaving) and have neither rejoined nor been forgotten after
   * {@link ClusterConfig#reconnectTimeout()}, plus the known peers that have not joined since the
   * start (Alertmanager's {@code setInitialFailed}): the size of {@link Peer#failedMembers()}.
   */
  FAILED_PEERS(Type.GAUGE, "alertmanager_cluster_failed_peers", "",
      "Number indicating the current number of failed peers in the cluster.", "peers"),

  /** This member's {@link Peer#position()}. */
  POSITION(Type.GAUGE, "alertmanager_peer_position", "",
      "Position the Alertmanager instance believes it is in. The position determines a peer's behavior in the cluster.",
      ""),

  /** Members that joined this peer's view, counting this one at start (as Alertmanager does). */
  PEERS_JOINED(Type.COUNTER, "alertmanager_cluster_peers_joined_total", "",
      "A counter of the number of peers that have joined.", "peers"),

  /**
   * Members that left the view, gracefully or by failing: one per departure, as Alertmanager counts
   * under this name (its {@code peerLeave} runs on every memberlist {@code NotifyLeave}, a graceful
   * leave and a dead node alike). A failed member whose goodbye arrives late is one departure, not
   * two. {@link #PEERS_LEFT} and {@link #PEERS_FAILED} tell the two kinds apart.
   *
   * @since 1.1
   */
  PEERS_LEFT_OR_FAILED(Type.COUNTER, "alertmanager_cluster_peers_left_total", "",
      "A counter of the number of peers that have left.", "peers"),

  /**
   * Members that left gracefully (said goodbye), including a failed member whose goodbye arrived
   * late. Alertmanager has no such counter: its {@code peers_left_total} is
   * {@link #PEERS_LEFT_OR_FAILED}.
   */
  PEERS_LEFT(Type.COUNTER, "alertcluster_cluster_peers_left_total", "",
      "Peers that left the view gracefully (said goodbye).", "peers"),

  /** Members that vanished without leaving. */
  PEERS_FAILED(Type.COUNTER, "alertcluster_cluster_peers_failed_total", "",
      "Peers that vanished from the view without leaving.", "peers"),

  /** Failed peers that came back into the view before being forgotten. */
  RECONNECTIONS(Type.COUNTER, "alertmanager_cluster_reconnections_total", "",
      "A counter of the number of cluster peer reconnections.", "peers"),

  /**
   * Members seen with the same name as another member; they are ordered by an internal id for
   * {@link Peer#position()}.
   */
  NAME_CONFLICTS(Type.COUNTER, "alertmanager_cluster_peer_name_conflicts_total", "",
      "Total number of times memberlist has noticed conflicting peer names.", "conflicts"),

  /**
   * Broadcasts handed to the network (ordinary and oversized), one per multicast. Alertmanager
   * counts gossip transmits under this name instead.
   */
  UPDATES_SENT(Type.COUNTER, "alertmanager_cluster_messages_sent_total", "update",
      "Total number of cluster messages sent.", "messages"),

  /** Bytes of the update messages sent, envelope included. */
  UPDATE_BYTES_SENT(Type.COUNTER, "alertmanager_cluster_messages_sent_size_total", "update",
      "Total size of cluster messages sent.", "bytes"),

  /** Update messages received from other members. */
  UPDATES_RECEIVED(Type.COUNTER, "alertmanager_cluster_messages_received_total", "update",
      "Total number of cluster messages received.", "messages"),

  /** Bytes of update messages received. */
  UPDATE_BYTES_RECEIVED(Type.COUNTER, "alertmanager_cluster_messages_received_size_total", "update",
      "Total size of cluster messages received.", "bytes"),

  /** Full states sent (join, merge, anti-entropy and catch-up exchanges). */
  FULL_STATES_SENT(Type.COUNTER, "alertmanager_cluster_messages_sent_total", "full_state",
      "Total number of cluster messages sent.", "messages"),

  /** Bytes of full states sent. */
  FULL_STATE_BYTES_SENT(Type.COUNTER, "alertmanager_cluster_messages_sent_size_total", "full_state",
      "Total size of cluster messages sent.", "bytes"),

  /** Full states received and merged. */
  FULL_STATES_RECEIVED(Type.COUNTER, "alertmanager_cluster_messages_received_total", "full_state",
      "Total number of cluster messages received.", "messages"),

  /** Bytes of full states received. */
  FULL_STATE_BYTES_RECEIVED(Type.COUNTER, "alertmanager_cluster_messages_received_size_total",
      "full_state", "Total size of cluster messages received.", "bytes"),

  /**
   * Oversized broadcasts sent. Alertmanager counts one per receiving peer; this counts one per
   * multicast.
   */
  OVERSIZED_SENT(Type.COUNTER, "alertmanager_oversized_gossip_message_sent_total", "",
      "Number of oversized gossip messages sent.", "messages"),

  /** Oversized broadcasts dropped because their queue was full. */
  OVERSIZED_DROPPED(Type.COUNTER, "alertmanager_oversized_gossip_message_dropped_total", "",
      "Number of oversized gossip messages that were dropped due to a full message queue.",
      "messages"),

  /** Broadcasts waiting in the ordinary and oversized queues now. */
  QUEUE_DEPTH(Type.GAUGE, "alertmanager_cluster_messages_queued", "",
      "Number of cluster messages which are queued.", "messages"),

  /** Ordinary broadcasts dropped because the queue was full (oldest first). */
  MESSAGES_PRUNED(Type.COUNTER, "alertmanager_cluster_messages_pruned_total", "",
      "Total number of cluster messages pruned.", "messages"),

  /** Calls to {@link State#merge(byte[])} that threw: the data was dropped. */
  MERGES_FAILED(Type.COUNTER, "alertcluster_merges_failed_total", "",
      "Merges a State rejected (malformed data from a peer); the data was dropped.", "merges"),

  /** Calls to {@link State#marshalBinary()} that threw: the key was left out of a full state. */
  MARSHALS_FAILED(Type.COUNTER, "alertcluster_marshals_failed_total", "",
      "Marshals of a State that threw; the key was left out of a full state.", "marshals"),

  /** Updates or full-state parts received for a key with no registered State here; ignored. */
  UNKNOWN_KEYS(Type.COUNTER, "alertcluster_unknown_keys_total", "",
      "Updates or full-state parts received for a key with no registered State; ignored.", "parts"),

  /** Messages from the network that could not be decoded; they were dropped. */
  MALFORMED_MESSAGES(Type.COUNTER, "alertcluster_malformed_messages_total", "",
      "Messages from the network that could not be decoded; dropped.", "messages"),

  /** Full-state exchanges that got no answer within {@link ClusterConfig#tcpTimeout()} or failed. */
  EXCHANGES_FAILED(Type.COUNTER, "alertcluster_exchanges_failed_total", "",
      "Full-state exchanges that failed or got no answer within the TCP timeout.", "exchanges");

  /** How a metric's value behaves. */
  public enum Type {
    /** Only grows, from 0 at the peer's creation. */
    COUNTER,
    /** A current value, read when the snapshot is taken. */
    GAUGE
  }

  private final Type type;
  private final String prometheusName;
  private final String messageType;
  private final String help;
  private final String unit;

  ClusterMetric(Type type, String prometheusName, String messageType, String help, String unit) {
    this.type = type;
    this.prometheusName = prometheusName;
    this.messageType = messageType;
    this.help = help;
    this.unit = unit;
  }

  /** @return counter or gauge */
  public Type type() {
    return type;
  }

  /**
   * @return the Prometheus metric (family) name, for example
   *     {@code alertmanager_cluster_messages_sent_total}
   */
  public String prometheusName() {
    return prometheusName;
  }

  /**
   * @return the name without the counter suffix {@code _total} (gauges: the name itself), for a
   *     metrics library that appends the suffix itself (Micrometer's Prometheus registry,
   *     prometheus-metrics): {@code alertmanager_cluster_messages_sent}
   */
  public String baseName() {
    return type == Type.COUNTER && prometheusName.endsWith("_total")
        ? prometheusName.substring(0, prometheusName.length() - "_total".length())
        : prometheusName;
  }

  /**
   * @return the labels that tell this metric apart within its family: {@code msg_type} =
   *     {@code update} or {@code full_state} for the message counters, none otherwise
   */
  public Map<String, String> labels() {
    return messageType.isEmpty() ? Map.of() : Map.of("msg_type", messageType);
  }

  /** @return the one-line help text (Alertmanager's where the metric is Alertmanager's) */
  public String help() {
    return help;
  }

  /**
   * @return what one unit of the value is, plural and lower case ({@code bytes}, {@code messages},
   *     {@code peers}); empty for a dimensionless value such as the position
   */
  public String unit() {
    return unit;
  }

  /**
   * @return the name as an attribute, in lower camel case ({@code UPDATE_BYTES_SENT} is
   *     {@code updateBytesSent}): for JSON fields and, with the first letter upper case as JMX's
   *     convention is ({@code UpdateBytesSent}), for JMX attributes
   */
  public String attributeName() {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }
}
