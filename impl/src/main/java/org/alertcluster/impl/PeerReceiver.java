package org.alertcluster.impl;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.membership.ViewTracker;
import org.alertcluster.impl.sync.StateExchanger;
import org.alertcluster.impl.sync.StateRegistry;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.RateLimitedLog;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.Part;
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
 * commutative and States thread-safe), so it does only cheap work itself: an update is merged here,
 * full states go to the exchange executor. Garbage is counted ({@code malformedMessages}), logged
 * at WARN at most every 10 s, and dropped.
 */
final class PeerReceiver implements Receiver {

  private static final Logger LOG = LoggerFactory.getLogger(PeerReceiver.class);

  private final PeerCounters counters;
  private final StateRegistry registry;
  private final StateExchanger exchanger;
  private final ViewTracker tracker;
  private final BiConsumer<Address, Long> goodbyes;
  private final BiConsumer<Address, Long> goodbyeAcks;
  private final Consumer<View> views;
  private final RateLimitedLog malformed = new RateLimitedLog(LOG, 10_000);

  PeerReceiver(PeerCounters counters, StateRegistry registry, StateExchanger exchanger,
      ViewTracker tracker, BiConsumer<Address, Long> goodbyes, BiConsumer<Address, Long> goodbyeAcks,
      Consumer<View> views) {
    this.counters = counters;
    this.registry = registry;
    this.exchanger = exchanger;
    this.tracker = tracker;
    this.goodbyes = goodbyes;
    this.goodbyeAcks = goodbyeAcks;
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
      case UPDATE -> {
        Part part = envelope.getUpdate();
        counters.increment(ClusterMetric.UPDATES_RECEIVED);
        counters.add(ClusterMetric.UPDATE_BYTES_RECEIVED, length);
        registry.merge(part.getKey(), part.getData().toByteArray(), "update from " + msg.getSrc());
      }
      case PUSH_PULL_REQUEST -> exchanger.onRequest(msg.getSrc(), envelope.getPushPullRequest(), length);
      case PUSH_PULL_REPLY -> exchanger.onReply(msg.getSrc(), envelope.getPushPullReply(), length);
      case FULL_STATE_PUSH -> exchanger.onPush(msg.getSrc(), envelope.getFullStatePush(), length);
      case GOODBYE -> {
        tracker.goodbye(msg.getSrc());
        goodbyes.accept(msg.getSrc(), envelope.getGoodbye().getId());
      }
      case GOODBYE_ACK -> goodbyeAcks.accept(msg.getSrc(), envelope.getGoodbyeAck().getId());
      default -> counters.increment(ClusterMetric.MALFORMED_MESSAGES); // decode() rejects BODY_NOT_SET already
    }
  }

  @Override
  public void viewAccepted(View view) {
    views.accept(view);
  }
}
