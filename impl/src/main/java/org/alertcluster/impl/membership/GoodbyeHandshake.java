package org.alertcluster.impl.membership;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * of its view have answered (or are gone, or the wait is over). Since the leaver is still in
 * everyone's view while the goodbye travels, NAKACK2 delivers it reliably, and no member can install
 * the view without the leaver before it has recorded the goodbye. A fire-and-forget goodbye lost that
 * race about once in fifteen leaves right after a join (the conformance kit's leave01 rule).
 *
 * <p>A member that misses the deadline (hung, cut off) sees the leave as a failure, which is then
 * the truth from its side; {@link ViewTracker}'s grace period and late-goodbye handling still apply.
 */
public final class GoodbyeHandshake {

  private static final Logger LOG = LoggerFactory.getLogger(GoodbyeHandshake.class);

  private final Set<Address> awaiting = new HashSet<>();

  /**
   * Multicasts a goodbye and waits until every other member of the current view acknowledged it.
   *
   * @param channel the connected channel of the leaving peer
   * @param name this peer's node name
   * @param maxWait the longest to wait for acknowledgements
   * @return true if every member answered in time
   */
  public boolean sayGoodbye(JChannel channel, String name, Duration maxWait) {
    View view = channel.getView();
    Address self = channel.getAddress();
    if (view == null || self == null) {
      return true;
    }
    synchronized (this) {
      awaiting.clear();
      view.getMembers().stream().filter(m -> !m.equals(self)).forEach(awaiting::add);
      if (awaiting.isEmpty()) {
        return true;
      }
    }
    try {
      channel.send(new BytesMessage(null, WireCodec.goodbye(name))
          .setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE)
          .setFlag(Message.TransientFlag.DONT_LOOPBACK));
    } catch (Exception e) {
      LOG.debug("Peer {}: goodbye not sent: {}", name, e.toString());
      return false;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    synchronized (this) {
      while (!awaiting.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.info("Peer {}: no goodbye acknowledgement from {} within {} ms; they may count this"
              + " leave as a failure", name, awaiting, maxWait.toMillis());
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Answers a goodbye received from {@code leaver}.
   *
   * @param channel this peer's channel
   * @param leaver the member that is leaving
   */
  public void acknowledge(JChannel channel, Address leaver) {
    try {
      channel.send(new BytesMessage(leaver, WireCodec.goodbyeAck())
          .setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE));
    } catch (Exception e) {
      LOG.debug("Goodbye acknowledgement to {} not sent: {}", leaver, e.toString());
    }
  }

  /**
   * Records an acknowledgement from {@code member}.
   *
   * @param member who acknowledged
   */
  public synchronized void acknowledged(Address member) {
    if (awaiting.remove(member) && awaiting.isEmpty()) {
      notifyAll();
    }
  }

  /**
   * Stops waiting for members that left the view meanwhile (they will never answer).
   *
   * @param view the new view
   */
  public synchronized void viewChanged(View view) {
    if (awaiting.retainAll(view.getMembers()) && awaiting.isEmpty()) {
      notifyAll();
    }
  }
}
