package org.alertcluster.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.util.PeerCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queue overflow, with the network held up the way UFC/MFC flow control holds up
 * {@code JChannel.send}: the sender blocks until released.
 */
class BroadcasterTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Integer> sent = new CopyOnWriteArrayList<>();
  private final PeerCounters counters = new PeerCounters();
  private final Broadcaster broadcaster = new Broadcaster(10, 3, 2, counters, envelope -> {
    release.await(10, TimeUnit.SECONDS);
    sent.add(envelope.length > 10 ? 100 + envelope[0] : (int) envelope[0]);
  }, "test");

  @AfterEach
  void stop() {
    release.countDown();
    broadcaster.stop(Duration.ofSeconds(2));
  }

  private static byte[] oversized(int marker) {
    byte[] b = new byte[11];
    b[0] = (byte) marker;
    return b;
  }

  @Test
  void fullQueuePrunesTheOldestAndFullOversizedQueueDropsTheNewest() {
    broadcaster.start();
    broadcaster.submit(new byte[] {0}); // taken by the sender, which then blocks
    await().atMost(Duration.ofSeconds(5)).until(() -> broadcaster.depth() == 0);
    for (byte i = 1; i <= 5; i++) {
      broadcaster.submit(new byte[] {i}); // capacity 3: 1 and 2 are pruned
    }
    broadcaster.submit(oversized(1)); // taken by the oversized sender, which then blocks
    await().atMost(Duration.ofSeconds(5)).until(() -> broadcaster.depth() == 3);
    broadcaster.submit(oversized(2));
    broadcaster.submit(oversized(3)); // capacity 2: full now
    broadcaster.submit(oversized(4)); // dropped: the newest goes
    long start = System.nanoTime();
    broadcaster.submit(new byte[] {6}); // never blocks, even with both senders stuck; prunes 3
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(broadcaster.depth()).isEqualTo(5);

    assertThat(counters.get(ClusterMetric.MESSAGES_PRUNED)).isEqualTo(3); // 1, 2, 3: the oldest
    assertThat(counters.get(ClusterMetric.OVERSIZED_DROPPED)).isEqualTo(1);
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 7);
    assertThat(sent).containsExactlyInAnyOrder(0, 4, 5, 6, 101, 102, 103);
    assertThat(counters.get(ClusterMetric.UPDATES_SENT)).isEqualTo(7);
    assertThat(counters.get(ClusterMetric.OVERSIZED_SENT)).isEqualTo(3);
    assertThat(broadcaster.depth()).isZero();
  }
}
