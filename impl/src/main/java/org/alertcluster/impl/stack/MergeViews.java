package org.alertcluster.impl.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.View;

/**
 * Gives each member of a merge one subgroup: the views a {@code MERGE} event carries (MERGE3 to
 * GMS, one per subgroup coordinator) without the members that have since moved on to another of
 * them.
 *
 * <p>Why: a coordinator paused past failure detection (SIGSTOP, a stalled VM) keeps its old view,
 * which still lists the members that meanwhile installed a view without it. MERGE3 reports only
 * the coordinators' views, so GMS' {@code Merger.sanitizeViews} removes a member from the stale
 * view only when that member is itself a coordinator: the others stay in two subgroups. The stale
 * coordinator then asks them for their digests; their NAKACK2 drops the request (JGRP000011,
 * "dropped message from non-member") and the merge waits {@code merge_timeout / 2} (1 s with the
 * defaults) for answers that never come: every resume of the first-started replica took more
 * than a second.
 *
 * <p>Rule: a member that reported a view is in that view. Any other member is in the view with
 * the highest view id among those that list it: a member installs views in increasing id order,
 * so its newest view is its current one. Ties keep the member where it is.
 */
final class MergeViews {

  private MergeViews() {}

  /**
   * @param views subgroup coordinator to the view it reported, as in a {@code MERGE} event
   * @return the same map if no member is listed in two different views, else a copy in which a
   *     member that reported a view is kept only in that one and every other member only in the
   *     newest view that lists it
   */
  static Map<Address, View> withoutMovedMembers(Map<Address, View> views) {
    Map<Address, View> result = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<Address, View> entry : views.entrySet()) {
      Address coordinator = entry.getKey();
      View view = entry.getValue();
      List<Address> kept = new ArrayList<>(view.size());
      for (Address member : view.getMembers()) {
        if (member.equals(coordinator) || !movedOn(member, coordinator, view, views)) {
          kept.add(member);
        }
      }
      if (kept.size() == view.size()) {
        result.put(coordinator, view);
      } else {
        changed = true;
        result.put(coordinator, new View(view.getViewId(), kept));
      }
    }
    return changed ? result : views;
  }

  /** True if {@code member}, listed in {@code view}, belongs to another reported view. */
  private static boolean movedOn(Address member, Address coordinator, View view,
      Map<Address, View> views) {
    View own = views.get(member);
    if (own != null) {
      // it reported a view itself: that one is its current view (the same view may come from two
      // of its members, MERGE3 asks a view's creator and the first member that named its id)
      return !own.getViewId().equals(view.getViewId());
    }
    long id = view.getViewId().getId();
    for (Map.Entry<Address, View> other : views.entrySet()) {
      if (!other.getKey().equals(coordinator) && other.getValue().containsMember(member)
          && other.getValue().getViewId().getId() > id) {
        return true;
      }
    }
    return false;
  }
}
