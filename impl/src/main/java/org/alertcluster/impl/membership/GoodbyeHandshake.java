package org.alertcluster.impl.membership;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.util.Correlator;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a graceful leave distinguishable from a crash, reliably.
 *
 * <p>JGroups views do not say why a member is gone. The leaver therefore multicasts a goodbye, and
 * every member answers with a unicast acknowledgement; the leaver disconnects only once all members
 * of its view have answered (or are gone, or the wait is over). The acknowledgements are matched to
 * the goodbye by the shared {@link Correlator}. Since the leaver is still in
 * everyone's view while the goodbye travels, NAKACK2 delivers it reliably, and no member can install
 * the view without the leaver before it has recorded the goodbye. A fire-and-forget goodbye lost that
 * race about once in fifteen leaves right after a join (the conformance kit's leave01 rule).
 *
 * <p>A member that misses the deadline (hung, cut off) sees the leave as a failure, which is then
 * the truth from its side; {@link ViewTracker}'s grace period and late-goodbye handling still apply.
 *
 * <p>Package-private: built and owned by {@link Membership}, the package's one public type.
 */
final class GoodbyeHandshake {

  private static final Logger LOG = LoggerFactory.getLogger(GoodbyeHandshake.class);

  private final Correlator<String> acks = new Correlator<>();
  /** Members whose own goodbye arrived: they will not answer ours, and need not. */
  private final Set<Address> saidGoodbye = new HashSet<>();
  /** This peer's own goodbye while it waits for acknowledgements. */
  private volatile Correlator.Request<String> pending;

  /**
   * Multicasts a goodbye and waits until every other member of the current view acknowledged it
   * (members leaving the view meanwhile owe nothing).
   *
   * @param channel the connected channel of the leaving peer
   * @param name this peer's node name
   * @param maxWait the longest to wait for acknowledgements
   * @return true if every member answered in time
   */
  boolean sayGoodbye(JChannel channel, String name, Duration maxWait) {
    View view = channel.getView();
    Address self = channel.getAddress();
    if (view == null || self == null) {
      return true;
    }
    List<Address> others;
    synchronized (this) {
      others = view.getMembers().stream().filter(m -> !m.equals(self) && !saidGoodbye.contains(m))
          .toList();
    }
    Correlator.Request<String> goodbye = acks.open(name, others);
    pending = goodbye;
    if (goodbye.answered().isDone()) {
      return true;
    }
    try {
      channel.send(new BytesMessage(null, WireCodec.goodbye(name, goodbye.id()))
          .setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE)
          .setFlag(Message.TransientFlag.DONT_LOOPBACK));
    } catch (Exception e) {
      acks.fail(goodbye.id());
      LOG.debug("Peer {}: goodbye not sent: {}", name, e.toString());
      return false;
    }
    try {
      return goodbye.answered().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.info("Peer {}: no goodbye acknowledgement from {} within {} ms; they may count this leave"
          + " as a failure", name, acks.awaiting(goodbye.id()), maxWait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.debug("Peer {}: goodbye failed: {}", name, e.toString());
    }
    acks.fail(goodbye.id());
    return false;
  }

  /**
   * Waits until no member that said goodbye is left in the view, so that a peer leaving right after
   * another one sends its leave request to the right coordinator (not to the one that just left,
   * whose answer never comes) and has reported that leave to its listeners.
   *
   * @param maxWait the longest to wait
   * @return true if no such member remained
   */
  synchronized boolean awaitLeaversGone(Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (!saidGoodbye.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Answers a goodbye received from {@code leaver}.
   *
   * @param channel this peer's channel
   * @param leaver the member that is leaving
   * @param id the goodbye's id
   */
  void acknowledge(JChannel channel, Address leaver, long id) {
    // Peers leaving one after another: the next leaver's view may still list this one (its view
    // change is on the way); waiting for an answer it will never send cost 2 s per leave.
    synchronized (this) {
      saidGoodbye.add(leaver);
    }
    // Before answering: once the leaver hears back, it may leave the view at any moment, and a
    // merge-detection report of its old view must not merge it in again.
    StackBuilder.ignoreMerges(channel, leaver);
    Correlator.Request<String> mine = pending;
    if (mine != null) {
      acks.answer(mine.id(), leaver).ifPresent(goodbye -> goodbye.answered().complete(true));
    }
    try {
      channel.send(new BytesMessage(leaver, WireCodec.goodbyeAck(id))
          .setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE));
    } catch (Exception e) {
      LOG.debug("Goodbye acknowledgement to {} not sent: {}", leaver, e.toString());
    }
  }

  /**
   * Records an acknowledgement.
   *
   * @param member who acknowledged
   * @param id the goodbye it acknowledges
   */
  void acknowledged(Address member, long id) {
    acks.answer(id, member).ifPresent(goodbye -> goodbye.answered().complete(true));
  }

  /**
   * Stops waiting for members that left the view meanwhile (they will never answer).
   *
   * @param view the new view
   */
  void viewChanged(View view) {
    synchronized (this) {
      if (saidGoodbye.retainAll(view.getMembers()) && saidGoodbye.isEmpty()) {
        notifyAll();
      }
    }
    acks.retainMembers(view.getMembers());
  }
}
