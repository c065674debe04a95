package org.alertcluster.impl.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MergeId;
import org.jgroups.util.MessageBatch;

/**
 * Keeps two merge leaders from waiting on each other. Sits right below {@code GMS}.
 *
 * <p>Found by NetnsClusterTest (a 3+2 partition healed while its views were 0.2 s old: whole after
 * 1.69 s, where other runs took 0.4 s). Right after a heal the members' connections come back one
 * by one, so the two coordinators heard different members first. MERGE3 hands GMS the views it
 * collected, and GMS' {@code Merger} elects as leader the lowest address among the coordinators
 * it heard <em>from</em>: each coordinator had heard a member of the other side, but not the other
 * coordinator, and found itself leader. Each asked the other to merge; {@code Merger} ignores a
 * merge request that arrives during another merge, so both waited their whole
 * {@code merge_timeout} (1.2 s there) and then merged with whoever had answered: a merge view with
 * one member of the other side, and another merge for the last one. Two rules here:
 *
 * <ul>
 *   <li><b>One leader.</b> A {@code MERGE} event (MERGE3 to GMS) whose views name a coordinator
 *       (a view's creator) with a lower address than this member's, which did not report its own
 *       view, is held back: that coordinator is the leader the others elect, and its request will
 *       come. Held back for at most half of {@code merge_timeout} in a row (then it passes, as
 *       JGroups would: a coordinator that others still name but nobody hears must not stop
 *       merges for good).</li>
 *   <li><b>An answer at once.</b> A merge request ({@code MERGE_REQ}) that arrives while this
 *       member takes part in another merge is answered with a rejection ({@code MERGE_RSP} with
 *       {@code merge_rejected}), which the leader's {@code Merger} already handles: it goes on
 *       without this member at once, and MERGE3's next round joins the rest. JGroups' own
 *       rejection (sent when handling a request fails) carries no payload, and {@code GMS} drops a
 *       {@code MERGE_RSP} without one before the {@code Merger} sees it; this one carries the
 *       two-byte form of "no view, no digest" (a flags field of 0).</li>
 * </ul>
 *
 * <p>Thread-safe: JGroups calls it from its receive threads and MERGE3's timer.
 */
final class MergeCollisions extends Protocol {

  private static final short GMS_ID = ClassConfigurator.getProtocolId(GMS.class);
  /** {@code GMS}' marshalled form of an absent view and digest: the flags field, 0. */
  private static final byte[] NO_VIEW_NO_DIGEST = new byte[2];

  private final LongAdder rejected = new LongAdder();
  private final LongAdder heldBack = new LongAdder();
  private Supplier<MergeId> currentMerge = () -> null;
  private LongSupplier holdBackLimitMs = () -> 0;
  /** When the current run of held-back MERGE events began ({@code System.nanoTime}), or 0. */
  private long holdingSince;
  /** When the last MERGE event was held back: a run ends when none was for the limit. */
  private long lastHeld;

  /** @return how many merge requests were answered with a rejection since start */
  long rejected() {
    return rejected.sum();
  }

  /** @return how many MERGE events were held back for a lower coordinator since start */
  long heldBack() {
    return heldBack.sum();
  }

  /**
   * For unit tests, without a GMS: the merge this member takes part in, and how long MERGE events
   * may be held back in a row.
   */
  void wire(Supplier<MergeId> current, long holdBackLimit) {
    currentMerge = current;
    holdBackLimitMs = () -> holdBackLimit;
  }

  @Override
  public void start() throws Exception {
    super.start();
    GMS gms = getProtocolStack().findProtocol(GMS.class);
    if (gms != null) {
      currentMerge = () -> gms.getMerger().getMergeId();
      holdBackLimitMs = () -> gms.getMergeTimeout() / 2;
    }
  }

  @Override
  public Object up(Event evt) {
    if (evt.getType() == Event.MERGE && holdBack(evt.getArg())) {
      return null;
    }
    return up_prot.up(evt);
  }

  @Override
  public Object up(Message msg) {
    if (rejectIfBusy(msg)) {
      return null;
    }
    return up_prot.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    batch.removeIf(this::rejectIfBusy, false);
    if (!batch.isEmpty()) {
      up_prot.up(batch);
    }
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

  private boolean rejectIfBusy(Message msg) {
    GMS.GmsHeader hdr = msg.getHeader(GMS_ID);
    if (hdr == null || hdr.getType() != GMS.GmsHeader.MERGE_REQ || msg.getSrc() == null) {
      return false;
    }
    MergeId current = currentMerge.get();
    MergeId requested = hdr.getMergeId();
    if (current == null || current.equals(requested)) {
      return false; // free, or a repeat of the request of the merge it takes part in: GMS decides
    }
    rejected.increment();
    log.debug("%s: merge request %s from %s while in merge %s: rejecting it, so that the leader "
        + "goes on without waiting", local_addr, requested, msg.getSrc(), current);
    Message rsp = new BytesMessage(msg.getSrc()).setFlag(Message.Flag.OOB)
        .putHeader(GMS_ID, new GMS.GmsHeader(GMS.GmsHeader.MERGE_RSP).mergeId(requested)
            .mergeRejected(true))
        .setArray(NO_VIEW_NO_DIGEST.clone());
    down_prot.down(rsp);
    return true;
  }
}
