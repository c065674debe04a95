package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.PeerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** READY when settled, READY_AFTER_TIMEOUT when the join exchange cannot finish, READY later. */
class SettleTest {

  private final TestPeers cluster = new TestPeers();
  private final CountDownLatch unblock = new CountDownLatch(1);

  @AfterEach
  void close() {
    unblock.countDown();
    cluster.close();
  }

  /** Answers exchanges only once the test lets it: a member that cannot send its state. */
  final class StuckState extends LwwMapState {
    StuckState() {
      super("sil");
    }

    @Override
    public byte[] marshalBinary() {
      try {
        unblock.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.marshalBinary();
    }
  }

  @Test
  void joinExchangeThatCannotFinishGivesReadyAfterTimeoutThenReady() throws Exception {
    JGroupsPeer existing = cluster.start(cluster.config().build());
    existing.addState(new StuckState());
    JGroupsPeer joiner = cluster.startKnowing(cluster.config()
        .tcpTimeout(Duration.ofMillis(300))
        .settleTimeout(Duration.ofSeconds(1)), existing);

    joiner.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(joiner.status()).isEqualTo(PeerStatus.READY_AFTER_TIMEOUT);
    assertThat(joiner.status().apiValue()).isEqualTo("ready");
    assertThat(joiner.metrics().get(ClusterMetric.EXCHANGES_FAILED)).isPositive();
    assertThat(joiner.clusterSize()).isEqualTo(2);

    unblock.countDown(); // the member answers again: a retried join exchange completes
    await().atMost(Duration.ofSeconds(10)).until(() -> joiner.status() == PeerStatus.READY);
  }

  @Test
  void zeroSettleTimeoutIsReadyAtOnce() {
    JGroupsPeer p = cluster.start(cluster.config().settleTimeout(Duration.ZERO).build());
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
    assertThat(p.ready().toCompletableFuture()).isCompleted();
  }

  @Test
  void lonePeerSettlesAfterStablePolls() throws Exception {
    JGroupsPeer p = cluster.start(cluster.config().settleStablePolls(3).build());
    assertThat(p.status()).isEqualTo(PeerStatus.SETTLING);
    assertThat(p.awaitReady(Duration.ofSeconds(10))).isTrue();
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
  }
}
