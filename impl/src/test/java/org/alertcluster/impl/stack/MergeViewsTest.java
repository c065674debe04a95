package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

class MergeViewsTest {

  private final Address a = UUID.randomUUID();
  private final Address b = UUID.randomUUID();
  private final Address c = UUID.randomUUID();
  private final Address d = UUID.randomUUID();

  private static View view(long id, Address... members) {
    return new View(new ViewId(members[0], id), List.of(members));
  }

  @Test
  void aPausedCoordinatorsStaleViewLosesTheMembersThatInstalledANewerView() {
    // a paused past failure detection: b and c went on without it (view 4); a still has view 3
    Map<Address, View> views = new LinkedHashMap<>();
    views.put(a, view(3, a, b, c));
    views.put(b, view(4, b, c));

    Map<Address, View> result = MergeViews.withoutMovedMembers(views);

    assertThat(result.get(a).getMembers()).containsExactly(a);
    assertThat(result.get(a).getViewId()).isEqualTo(views.get(a).getViewId());
    assertThat((Object) result.get(b)).isSameAs(views.get(b));
  }

  @Test
  void aMemberStillWithThePausedCoordinatorStaysInItsSubgroup() {
    // d was cut off together with a: only b and c went on (view 4)
    Map<Address, View> views = new LinkedHashMap<>();
    views.put(a, view(3, a, b, c, d));
    views.put(b, view(4, b, c));

    Map<Address, View> result = MergeViews.withoutMovedMembers(views);

    assertThat(result.get(a).getMembers()).containsExactly(a, d);
    assertThat(result.get(b).getMembers()).containsExactly(b, c);
  }

  @Test
  void disjointSubgroupsAreReturnedAsGiven() {
    Map<Address, View> views = new LinkedHashMap<>();
    views.put(a, view(5, a, b, c));
    views.put(d, view(5, d));

    assertThat(MergeViews.withoutMovedMembers(views)).isSameAs(views);
  }

  @Test
  void oneViewReportedByTwoOfItsMembersKeepsBoth() {
    // MERGE3 asks a view's creator and the first member that named its id: the same view twice
    View shared = view(6, a, b, c);
    Map<Address, View> views = new LinkedHashMap<>();
    views.put(a, shared);
    views.put(b, shared);
    views.put(d, view(2, d));

    assertThat(MergeViews.withoutMovedMembers(views)).isSameAs(views);
  }

  @Test
  void aMemberListedInTwoViewsOfEqualIdStaysInBoth() {
    // no order between them: left to GMS as JGroups would
    Map<Address, View> views = new LinkedHashMap<>();
    views.put(a, view(4, a, c));
    views.put(b, view(4, b, c));

    assertThat(MergeViews.withoutMovedMembers(views)).isSameAs(views);
  }
}
