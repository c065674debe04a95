package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.stack.Protocol;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which MERGE events {@link MergeCollisions} passes to GMS and which it holds back, with hand-made
 * events and a recording protocol above it. Addresses are ordered as JGroups orders them
 * (UUID order): {@code low < self < high}.
 */
class MergeCollisionsTest {

  private final Address low = new UUID(0, 1);
  private final Address self = new UUID(0, 2);
  private final Address high = new UUID(0, 3);
  private final Address member = new UUID(0, 4);
  private final List<Object> up = new ArrayList<>();
  private final MergeCollisions mc = new MergeCollisions();

  MergeCollisionsTest() {
    mc.setAddress(self);
    mc.setUpProtocol(new Protocol() {
      @Override
      public Object up(Event evt) {
        up.add(evt);
        return null;
      }

    });
    mc.holdBackLimit(60_000);
  }

  private static View view(Address creator, long id, Address... members) {
    return new View(new ViewId(creator, id), List.of(members));
  }

  private static Event merge(Map<Address, View> views) {
    return new Event(Event.MERGE, views);
  }

  @Test
  void aMergeEventNamingALowerCoordinatorNotHeardFromIsHeldBack() {
    // This peer coordinates {self, member}; it heard a member of low's view, not low itself: low
    // is the leader JGroups elects everywhere once it is heard, so it leads.
    Map<Address, View> views = new HashMap<>();
    views.put(self, view(self, 3, self, member));
    views.put(high, view(low, 3, low, high));
    mc.up(merge(views));
    mc.up(merge(views));
    assertThat(up).isEmpty();
    assertThat(mc.heldBack()).isEqualTo(2);
  }

  @Test
  void aMergeEventPassesWhenThisPeerIsTheLowestCoordinatorOrTheLowerOneWasHeard() {
    Map<Address, View> lowest = new HashMap<>();
    lowest.put(self, view(self, 3, self, member));
    lowest.put(high, view(high, 3, high));
    mc.up(merge(lowest));
    Map<Address, View> heard = new HashMap<>();
    heard.put(self, view(self, 3, self, member));
    heard.put(low, view(low, 3, low, high)); // JGroups elects low, which runs the merge
    mc.up(merge(heard));
    assertThat(up).hasSize(2);
    assertThat(mc.heldBack()).isZero();
  }

  @Test
  void aMergeEventIsHeldBackForAtMostTheLimitInARow() {
    mc.holdBackLimit(40);
    Map<Address, View> views = new HashMap<>();
    views.put(self, view(self, 3, self, member));
    views.put(high, view(low, 3, low, high));
    // MERGE3 hands over a MERGE event every check interval while the views differ: after 40 ms
    // of them held back, one passes, as JGroups would have it.
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
      mc.up(merge(views));
      return !up.isEmpty();
    });
    assertThat(up).hasSize(1);
    assertThat(mc.heldBack()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRunOfHeldBackEventsEndsWhenNoneCameForTheLimit() {
    mc.holdBackLimit(40);
    Map<Address, View> views = new HashMap<>();
    views.put(self, view(self, 3, self, member));
    views.put(high, view(low, 3, low, high));
    mc.up(merge(views)); // held: a run begins
    long since = System.nanoTime();
    // Then the views agreed (no MERGE event) for longer than the limit: the next heal's first
    // event begins a new run and is held back, not let through as if the old run had lasted.
    await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - since > 100_000_000L);
    mc.up(merge(views));
    assertThat(up).isEmpty();
    assertThat(mc.heldBack()).isEqualTo(2);
  }
}
