package org.alertcluster.impl;

import java.util.function.Consumer;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.membership.Membership;
import org.alertcluster.impl.sync.StateReplication;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JGroups receive path: decodes each message's envelope and hands it to the right component.
 * Runs on JGroups' threads, possibly several at once (updates are multicast OOB: merges are
 * commutative and States thread-safe), so it does only cheap work itself: an update is merged on this thread,
 * full states go to the exchange executor. Garbage is counted ({@code malformedMessages}), logged
 * at WARN at most every 10 s, and dropped.
 */
final class PeerReceiver implements Receiver {

  private static final Logger LOG = LoggerFactory.getLogger(PeerReceiver.class);

  private final PeerCounters counters;
  private final StateReplication replication;
  private final Membership membership;
  private final Consumer<View> views;
  private final PeerLog malformed = new PeerLog(PeerReceiver.class, "").warnAtMostEvery(10_000);

  PeerReceiver(PeerCounters counters, StateReplication replication, Membership membership,
      Consumer<View> views) {
    this.counters = counters;
    this.replication = replication;
    this.membership = membership;
    this.views = views;
  }

  @Override
  public void receive(Message msg) {
    Envelope envelope;
    int length;
    try {
      if (!msg.hasArray()) {
        throw new WireCodec.MalformedMessageException("message without a byte payload", null);
      }
      length = msg.getLength();
      envelope = WireCodec.decode(msg.getArray(), msg.getOffset(), length);
    } catch (WireCodec.MalformedMessageException | RuntimeException e) {
      counters.increment(ClusterMetric.MALFORMED_MESSAGES);
      malformed.warn("Dropping a malformed message from {}: {}", msg.getSrc(), e.getMessage());
      return;
    }
    switch (envelope.getBodyCase()) {
      case UPDATE, PUSH_PULL_REQUEST, PUSH_PULL_REPLY, FULL_STATE_PUSH, ACKED_UPDATE, UPDATE_ACK ->
          replication.receive(msg.getSrc(), envelope, length);
      case GOODBYE, GOODBYE_ACK -> membership.receive(msg.getSrc(), envelope);
      default -> counters.increment(ClusterMetric.MALFORMED_MESSAGES); // decode() rejects BODY_NOT_SET already
    }
  }

  @Override
  public void viewAccepted(View view) {
    views.accept(view);
  }
}
