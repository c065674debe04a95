package org.alertcluster.impl.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;

/**
 * Keeps two coordinators from each leading a merge at once. Sits right below {@code GMS}.
 *
 * <p>Found by NetnsClusterTest (a 3+2 partition healed while its views were 0.2 s old: whole after
 * 1.69 s, where other runs took 0.4 s). Right after a heal the members' connections come back one
 * by one, so the two coordinators heard different members first. MERGE3 hands GMS the views it
 * collected, and GMS' {@code Merger} elects as leader the lowest address among the coordinators
 * it heard <em>from</em>: each coordinator had heard a member of the other side, but not the other
 * coordinator, and found itself leader. Each asked the other to merge; {@code Merger} ignores a
 * merge request that arrives during another merge, so both waited their whole
 * {@code merge_timeout} (1.2 s there) and then merged with whoever had answered: a merge view with
 * one member of the other side, and another merge for the last one. Here only one of them leads:
 *
 * <ul>
 *   <li><b>One leader.</b> A {@code MERGE} event (MERGE3 to GMS) whose views name a coordinator
 *       (a view's creator) with a lower address than this member's, which did not report its own
 *       view, is held back: that coordinator is the leader the others elect, and its request will
 *       come. Held back for at most half of {@code merge_timeout} in a row (then it passes, as
 *       JGroups would: a coordinator that others still name but nobody hears must not stop
 *       merges for good).</li>
 * </ul>
 *
 * <p>Tried and left out: answering a merge request that arrives during another merge with a
 * rejection at once (JGroups ignores it and its leader waits {@code merge_timeout}). It turned a
 * member stuck in a merge (until the merge killer, 2 × {@code merge_timeout}) into a new merge view
 * without it every MERGE3 round instead of every {@code merge_timeout} (NetnsClusterTest under
 * load: 7 views in 1.9 s, heal 2.7 s).
 *
 * <p>It also gives each member one subgroup before GMS sees the views ({@link MergeViews}): a
 * coordinator resumed after a pause still lists the members that went on without it.
 *
 * <p>Thread-safe: JGroups calls it from MERGE3's timer.
 */
final class MergeCollisions extends Protocol {

  private final LongAdder heldBack = new LongAdder();
  private LongSupplier holdBackLimitMs = () -> 0;
  /** When the current run of held-back MERGE events began ({@code System.nanoTime}), or 0. */
  private long holdingSince;
  /** When the last MERGE event was held back: a run ends when none was for the limit. */
  private long lastHeld;

  /** @return how many MERGE events were held back for a lower coordinator since start */
  long heldBack() {
    return heldBack.sum();
  }

  /** For unit tests, without a GMS: how long MERGE events may be held back in a row. */
  void holdBackLimit(long ms) {
    holdBackLimitMs = () -> ms;
  }

  @Override
  public void start() throws Exception {
    super.start();
    GMS gms = getProtocolStack().findProtocol(GMS.class);
    if (gms != null) {
      holdBackLimitMs = () -> gms.getMergeTimeout() / 2;
    }
  }

  @Override
  public Object up(Event evt) {
    if (evt.getType() == Event.MERGE) {
      Map<Address, View> views = evt.getArg();
      Map<Address, View> own = views == null ? null : MergeViews.withoutMovedMembers(views);
      if (holdBack(own)) {
        return null;
      }
      if (own != views) {
        log.debug("%s: merge of %s: members that went on to a newer view left out of the "
            + "stale ones: %s", local_addr, views, own);
        return up_prot.up(new Event(Event.MERGE, own));
      }
    }
    return up_prot.up(evt);
  }

  /** True if the MERGE event should wait for a lower coordinator's merge request. */
  private synchronized boolean holdBack(Map<Address, View> views) {
    if (views == null || local_addr == null) {
      return false;
    }
    TreeSet<Address> coordinators = new TreeSet<>();
    views.values().forEach(v -> coordinators.add(v.getCreator()));
    views.forEach((sender, v) -> {
      List<Address> members = v.getMembers();
      if (!members.isEmpty() && members.get(0).equals(sender)) {
        coordinators.add(sender);
      }
    });
    Address lowest = coordinators.isEmpty() ? null : coordinators.first();
    if (lowest == null || lowest.equals(local_addr) || views.containsKey(lowest)) {
      holdingSince = 0;
      return false;
    }
    long now = System.nanoTime();
    long limit = TimeUnit.MILLISECONDS.toNanos(holdBackLimitMs.getAsLong());
    if (holdingSince == 0 || now - lastHeld > limit) {
      holdingSince = now; // a new run: the last one ended in agreement (no MERGE event since)
    } else if (now - holdingSince >= limit) {
      holdingSince = 0;
      log.debug("%s: %s, the lowest coordinator in %s, sent no merge request within %d ms: "
          + "merging as JGroups elects", local_addr, lowest, views, holdBackLimitMs.getAsLong());
      return false;
    }
    lastHeld = now;
    heldBack.increment();
    log.debug("%s: not leading a merge: %s, a lower coordinator, is named in %s (its own view not "
        + "heard yet), and leads it", local_addr, lowest, views);
    return true;
  }
}
