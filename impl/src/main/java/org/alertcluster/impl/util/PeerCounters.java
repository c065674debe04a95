package org.alertcluster.impl.util;

import java.util.concurrent.atomic.LongAdder;
import org.alertcluster.api.ClusterMetrics;

/**
 * The live counters of one peer, written from many threads (receive, sender, exchange), read by
 * {@link #snapshot}. LongAdder because increments vastly outnumber reads.
 */
public final class PeerCounters {

  public final LongAdder peersJoined = new LongAdder();
  public final LongAdder peersLeft = new LongAdder();
  public final LongAdder peersFailed = new LongAdder();
  public final LongAdder reconnections = new LongAdder();
  public final LongAdder nameConflicts = new LongAdder();
  public final LongAdder updatesSent = new LongAdder();
  public final LongAdder updateBytesSent = new LongAdder();
  public final LongAdder updatesReceived = new LongAdder();
  public final LongAdder updateBytesReceived = new LongAdder();
  public final LongAdder fullStatesSent = new LongAdder();
  public final LongAdder fullStateBytesSent = new LongAdder();
  public final LongAdder fullStatesReceived = new LongAdder();
  public final LongAdder fullStateBytesReceived = new LongAdder();
  public final LongAdder oversizedSent = new LongAdder();
  public final LongAdder oversizedDropped = new LongAdder();
  public final LongAdder messagesPruned = new LongAdder();
  public final LongAdder mergesFailed = new LongAdder();
  public final LongAdder marshalsFailed = new LongAdder();
  public final LongAdder unknownKeys = new LongAdder();
  public final LongAdder malformedMessages = new LongAdder();
  public final LongAdder exchangesFailed = new LongAdder();

  /**
   * An immutable copy, with the gauges supplied by the caller.
   *
   * @param members current member count
   * @param failedPeers failed peers being retried
   * @param position this member's position
   * @param queueDepth broadcasts queued now
   * @return the snapshot
   */
  public ClusterMetrics snapshot(int members, int failedPeers, int position, int queueDepth) {
    return new MetricsSnapshot(this, new MetricsSnapshot.Gauges(members, failedPeers, position, queueDepth));
  }
}
