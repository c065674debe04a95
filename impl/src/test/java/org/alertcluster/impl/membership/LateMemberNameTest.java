package org.alertcluster.impl.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.alertcluster.api.Member;
import org.alertcluster.impl.util.PeerCounters;
import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member whose name and address this peer learns only after the view that adds it: what a
 * coordinator sees of a joiner it admitted on its JOIN request before that joiner's discovery
 * request arrived. Found as a replica restarted at its old address (kill -9, started again at once)
 * listed by the coordinator as {@code 98bf14d6-4bc3-...} with an empty address, for a minute, until
 * the next view: wrong in {@code amtool cluster show}, and a position computed from a different
 * order than the other replicas'.
 */
class LateMemberNameTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService notifier = Executors.newSingleThreadExecutor();
  private final Map<Address, PhysicalAddress> physical = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    notifier.shutdownNow();
  }

  @Test
  void aNameAndAddressLearntAfterTheViewReplaceTheStandInAndReorderTheMembers() throws Exception {
    Address self = UUID.randomUUID();
    NameCache.add(self, "m-bravo");
    physical.put(self, new IpAddress(InetAddress.getLoopbackAddress(), 10_002));
    // The joiner's UUID sorts before "m-bravo" ("0..." < "m"), its name after it.
    Address joiner = new UUID(0x0123L, 0x4567L);
    ViewTracker tracker = new ViewTracker(() -> self, new Member("m-bravo", ""), physical::get,
        new PeerCounters(), notifier, scheduler, Duration.ofMillis(200));

    tracker.viewAccepted(View.create(self, 1, self, joiner));
    assertThat(tracker.members()).extracting(Member::name)
        .containsExactly(joiner.toString(), "m-bravo");
    assertThat(tracker.position()).isEqualTo(1);

    NameCache.add(joiner, "m-charlie"); // discovery brings them a moment later
    physical.put(joiner, new IpAddress(InetAddress.getLoopbackAddress(), 10_003));
    assertThat(tracker.position()).as("position after the name is known").isZero();
    assertThat(tracker.members()).containsExactly(new Member("m-bravo", "127.0.0.1:10002"),
        new Member("m-charlie", "127.0.0.1:10003"));
  }
}
