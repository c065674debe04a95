package org.alertcluster.impl.stack;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * Keeps a leaving member out of merges. Sits right below {@code MERGE3}.
 *
 * <p>Found by leaving ~100 ms after a join, under load (2 of 25 leaves): MERGE3 on the remaining
 * members still held, or received, the leaver's view report with the view from before its leave;
 * they asked the leaver for its view, it answered (MERGE3 answers view requests even when stopped),
 * and GMS merged the leaver back in, as coordinator of the merged view when its address sorted
 * first. Its leave then became a coordinator hand-over (2.2 s instead of milliseconds) and the
 * members had to remove it a second time; once (a fresh-clone CI run) that second merge also
 * dropped a live member for a moment, reported failed.
 *
 * <ul>
 *   <li>{@link #leaving()} (this peer): from now on it sends no MERGE3 message (view reports, view
 *       answers), takes in none, and drops merge requests ({@code MERGE_REQ}): a merge leader
 *       goes on without it. Called before the goodbye, so no member can hear from this peer's
 *       merge detection after it has learnt that this peer leaves.</li>
 *   <li>{@link #ignore(Address)} (the others): MERGE3 messages from a member that said goodbye are
 *       dropped, so a view report still on the wire cannot start a merge with it.</li>
 * </ul>
 *
 * <p>Thread-safe: JGroups calls it from its receive threads and senders.
 *
 * <p>Reached through {@link StackBuilder#leaving} and {@link StackBuilder#ignoreMerges}.
 */
final class MergeGuard extends Protocol {

  private static final short MERGE3_ID = ClassConfigurator.getProtocolId(MERGE3.class);
  private static final short GMS_ID = ClassConfigurator.getProtocolId(GMS.class);
  /** Goodbyes remembered; an address belongs to one channel incarnation and never comes back. */
  private static final int REMEMBERED = 1024;

  private final Set<Address> leavers = new LinkedHashSet<>();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean leaving;

  /** This peer is leaving: it takes no further part in merge detection or merges. */
  public void leaving() {
    leaving = true;
  }

  /**
   * Drops merge-detection messages from {@code leaver} from now on.
   *
   * @param leaver a member that said goodbye
   */
  public void ignore(Address leaver) {
    synchronized (leavers) {
      leavers.add(leaver);
      if (leavers.size() > REMEMBERED) {
        leavers.remove(leavers.iterator().next());
      }
    }
  }

  /** @return how many merge messages were dropped (for tests and logs) */
  public long dropped() {
    return dropped.sum();
  }

  @Override
  public Object down(Message msg) {
    if (leaving && msg.getHeader(MERGE3_ID) != null) {
      dropped.increment();
      return null;
    }
    return down_prot.down(msg);
  }

  @Override
  public Object up(Message msg) {
    if (drop(msg)) {
      return null;
    }
    return up_prot.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    batch.removeIf(this::drop, false);
    if (!batch.isEmpty()) {
      up_prot.up(batch);
    }
  }

  private boolean drop(Message msg) {
    boolean drop;
    if (msg.getHeader(MERGE3_ID) != null) {
      drop = leaving || isLeaver(msg.getSrc());
    } else if (leaving) {
      GMS.GmsHeader gms = msg.getHeader(GMS_ID);
      drop = gms != null && gms.getType() == GMS.GmsHeader.MERGE_REQ;
    } else {
      drop = false;
    }
    if (drop) {
      dropped.increment();
    }
    return drop;
  }

  private boolean isLeaver(Address sender) {
    if (sender == null) {
      return false;
    }
    synchronized (leavers) {
      return !leavers.isEmpty() && leavers.contains(sender);
    }
  }
}
