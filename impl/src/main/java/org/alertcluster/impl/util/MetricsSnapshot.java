package org.alertcluster.impl.util;

import org.alertcluster.api.ClusterMetrics;

/** An immutable copy of a peer's {@link PeerCounters} plus its gauges, taken at one moment. */
final class MetricsSnapshot implements ClusterMetrics {

  /** The gauges, read from the membership and the broadcaster rather than counted. */
  record Gauges(int members, int failedPeers, int position, int queueDepth) {}

  private final Gauges gauges;
  private final long peersJoined;
  private final long peersLeft;
  private final long peersFailed;
  private final long reconnections;
  private final long nameConflicts;
  private final long updatesSent;
  private final long updateBytesSent;
  private final long updatesReceived;
  private final long updateBytesReceived;
  private final long fullStatesSent;
  private final long fullStateBytesSent;
  private final long fullStatesReceived;
  private final long fullStateBytesReceived;
  private final long oversizedSent;
  private final long oversizedDropped;
  private final long messagesPruned;
  private final long mergesFailed;
  private final long marshalsFailed;
  private final long unknownKeys;
  private final long malformedMessages;
  private final long exchangesFailed;

  MetricsSnapshot(PeerCounters c, Gauges gauges) {
    this.gauges = gauges;
    this.peersJoined = c.peersJoined.sum();
    this.peersLeft = c.peersLeft.sum();
    this.peersFailed = c.peersFailed.sum();
    this.reconnections = c.reconnections.sum();
    this.nameConflicts = c.nameConflicts.sum();
    this.updatesSent = c.updatesSent.sum();
    this.updateBytesSent = c.updateBytesSent.sum();
    this.updatesReceived = c.updatesReceived.sum();
    this.updateBytesReceived = c.updateBytesReceived.sum();
    this.fullStatesSent = c.fullStatesSent.sum();
    this.fullStateBytesSent = c.fullStateBytesSent.sum();
    this.fullStatesReceived = c.fullStatesReceived.sum();
    this.fullStateBytesReceived = c.fullStateBytesReceived.sum();
    this.oversizedSent = c.oversizedSent.sum();
    this.oversizedDropped = c.oversizedDropped.sum();
    this.messagesPruned = c.messagesPruned.sum();
    this.mergesFailed = c.mergesFailed.sum();
    this.marshalsFailed = c.marshalsFailed.sum();
    this.unknownKeys = c.unknownKeys.sum();
    this.malformedMessages = c.malformedMessages.sum();
    this.exchangesFailed = c.exchangesFailed.sum();
  }

  @Override
  public int members() {
    return gauges.members();
  }

  @Override
  public int failedPeers() {
    return gauges.failedPeers();
  }

  @Override
  public int position() {
    return gauges.position();
  }

  @Override
  public int queueDepth() {
    return gauges.queueDepth();
  }

  @Override
  public long peersJoined() {
    return peersJoined;
  }

  @Override
  public long peersLeft() {
    return peersLeft;
  }

  @Override
  public long peersFailed() {
    return peersFailed;
  }

  @Override
  public long reconnections() {
    return reconnections;
  }

  @Override
  public long nameConflicts() {
    return nameConflicts;
  }

  @Override
  public long updatesSent() {
    return updatesSent;
  }

  @Override
  public long updateBytesSent() {
    return updateBytesSent;
  }

  @Override
  public long updatesReceived() {
    return updatesReceived;
  }

  @Override
  public long updateBytesReceived() {
    return updateBytesReceived;
  }

  @Override
  public long fullStatesSent() {
    return fullStatesSent;
  }

  @Override
  public long fullStateBytesSent() {
    return fullStateBytesSent;
  }

  @Override
  public long fullStatesReceived() {
    return fullStatesReceived;
  }

  @Override
  public long fullStateBytesReceived() {
    return fullStateBytesReceived;
  }

  @Override
  public long oversizedSent() {
    return oversizedSent;
  }

  @Override
  public long oversizedDropped() {
    return oversizedDropped;
  }

  @Override
  public long messagesPruned() {
    return messagesPruned;
  }

  @Override
  public long mergesFailed() {
    return mergesFailed;
  }

  @Override
  public long marshalsFailed() {
    return marshalsFailed;
  }

  @Override
  public long unknownKeys() {
    return unknownKeys;
  }

  @Override
  public long malformedMessages() {
    return malformedMessages;
  }

  @Override
  public long exchangesFailed() {
    return exchangesFailed;
  }

  @Override
  public String toString() {
    return "ClusterMetrics[members=" + members() + ", failedPeers=" + failedPeers() + ", position="
        + position() + ", queueDepth=" + queueDepth() + ", joined=" + peersJoined + ", left="
        + peersLeft + ", failed=" + peersFailed + ", updatesSent=" + updatesSent
        + ", updatesReceived=" + updatesReceived + ", fullStatesSent=" + fullStatesSent
        + ", fullStatesReceived=" + fullStatesReceived + ", pruned=" + messagesPruned
        + ", oversizedDropped=" + oversizedDropped + ", mergesFailed=" + mergesFailed
        + ", marshalsFailed=" + marshalsFailed + ", unknownKeys=" + unknownKeys + ", malformed="
        + malformedMessages + ", exchangesFailed=" + exchangesFailed + "]";
  }
}
