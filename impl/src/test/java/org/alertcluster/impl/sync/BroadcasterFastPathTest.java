package org.alertcluster.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.util.PeerCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller-thread fast path: used when nothing is queued and the network takes the update without
 * blocking; otherwise the update is queued for the sender thread, and nothing is lost either way.
 */
class BroadcasterFastPathTest {

  private final PeerCounters counters = new PeerCounters();
  private final List<String> sentBy = new CopyOnWriteArrayList<>();
  private final AtomicBoolean credits = new AtomicBoolean(true);
  private Broadcaster broadcaster;

  @AfterEach
  void stop() {
    broadcaster.stop(Duration.ofSeconds(2));
  }

  private Broadcaster create() {
    return new Broadcaster(1000, 16, 4, counters, new Broadcaster.Multicast() {
      @Override
      public void send(byte[] envelope) {
        sentBy.add("queue:" + envelope[0]);
      }

      @Override
      public boolean trySendNow(byte[] envelope) {
        if (!credits.get()) {
          return false; // as MFC with DONT_BLOCK and no credits: not sent
        }
        sentBy.add("caller:" + envelope[0]);
        return true;
      }
    }, "fast");
  }

  @Test
  void anIdleBroadcasterSendsOnTheCallersThread() {
    broadcaster = create();
    broadcaster.start();
    broadcaster.submit(new byte[] {1});
    broadcaster.submit(new byte[] {2});
    assertThat(sentBy).containsExactly("caller:1", "caller:2");
    assertThat(counters.get(ClusterMetric.UPDATES_SENT)).isEqualTo(2);
    assertThat(broadcaster.depth()).isZero();
  }

  @Test
  void anUpdateTheNetworkCannotTakeAtOnceIsQueuedNotLost() {
    broadcaster = create();
    broadcaster.start();
    credits.set(false);
    broadcaster.submit(new byte[] {1});
    await().atMost(Duration.ofSeconds(5)).until(() -> sentBy.size() == 1);
    assertThat(sentBy).containsExactly("queue:1");
    credits.set(true);
    broadcaster.submit(new byte[] {2});
    await().atMost(Duration.ofSeconds(5)).until(() -> sentBy.size() == 2);
    assertThat(sentBy).containsExactly("queue:1", "caller:2");
    assertThat(counters.get(ClusterMetric.UPDATES_SENT)).isEqualTo(2);
  }

  @Test
  void anOversizedUpdateAlwaysGoesThroughItsOwnQueue() {
    // Never on the caller's thread: in JGroups' per-connection order a bulk update sent at once
    // would be ahead of the small ones that follow it, which the oversized queue exists to avoid.
    broadcaster = create();
    broadcaster.start();
    byte[] big = new byte[2000];
    big[0] = 7;
    broadcaster.submit(big);
    await().atMost(Duration.ofSeconds(5)).until(() -> sentBy.size() == 1);
    assertThat(sentBy).containsExactly("queue:7");
    assertThat(counters.get(ClusterMetric.OVERSIZED_SENT)).isEqualTo(1);
  }

  @Test
  void beforeStartUpdatesWaitInTheQueue() {
    broadcaster = create();
    credits.set(false);
    broadcaster.submit(new byte[] {1});
    assertThat(broadcaster.depth()).isEqualTo(1);
    broadcaster.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sentBy.size() == 1);
    assertThat(sentBy).containsExactly("queue:1");
  }
}
