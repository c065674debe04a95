package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** READY when settled, READY_AFTER_TIMEOUT when the join exchange cannot finish, READY later. */
class SettleTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);
  private final CountDownLatch unblock = new CountDownLatch(1);

  @AfterEach
  void close() {
    unblock.countDown();
    cluster.close();
  }

  /** Answers exchanges only once the test lets it: a member that cannot send its state. */
  final class StuckState implements State {
    private final LwwMapState data = new LwwMapState("sil");

    @Override
    public String key() {
      return data.key();
    }

    @Override
    public byte[] marshalBinary() {
      try {
        unblock.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return data.marshalBinary();
    }

    @Override
    public void merge(byte[] update) {
      data.merge(update);
    }
  }

  @Test
  void joinExchangeThatCannotFinishGivesReadyAfterTimeoutThenReady() throws Exception {
    Peer existing = cluster.start(cfg -> cfg);
    existing.addState(new StuckState());
    Peer joiner = cluster.start(cfg -> cfg
        .tcpTimeout(Duration.ofMillis(300))
        .settleTimeout(Duration.ofSeconds(1)), existing);
    // The joiner asks only for the States it holds: it adds the stuck one after joining, as hosts
    // do, and its catch-up (then its retried join rounds) cannot finish.
    joiner.addState(new LwwMapState("sil"));

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
    Peer p = cluster.start(cfg -> cfg.settleTimeout(Duration.ZERO));
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
    // ready() is completed on the notification thread, so just after the status changed.
    await().atMost(Duration.ofSeconds(5)).until(() -> p.ready().toCompletableFuture().isDone());
    assertThat(p.ready().toCompletableFuture()).isCompleted();
  }

  @Test
  void lonePeerSettlesAfterStablePolls() throws Exception {
    Peer p = cluster.start(cfg -> cfg.settleStablePolls(3));
    assertThat(p.status()).isEqualTo(PeerStatus.SETTLING);
    assertThat(p.awaitReady(Duration.ofSeconds(10))).isTrue();
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
  }

  @Test
  void readyAndListenersAreCalledOnTheNotificationThreadAndMayBlockWithoutStoppingThePeer()
      throws Exception {
    Peer p = cluster.start(cfg -> cfg.settleStablePolls(10));
    assertThat(p.status()).isEqualTo(PeerStatus.SETTLING); // 10 polls of 100 ms: ~1 s to go
    CompletableFuture<String> readyThread = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);
    p.ready().thenRun(() -> {
      readyThread.complete(Thread.currentThread().getName());
      try {
        release.await(20, TimeUnit.SECONDS); // host code that blocks
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<String> listenerThread = new CompletableFuture<>();
    p.addMembershipListener(new MembershipListener() {
      @Override
      public void joined(Member m) {
        listenerThread.complete(Thread.currentThread().getName());
      }
    });
    String notify = "alertcluster-" + p.name() + "-notify";
    assertThat(readyThread.get(10, TimeUnit.SECONDS)).isEqualTo(notify);

    // While the host's callback blocks the notification thread, the peer goes on: a member joins,
    // the view, the positions and the settle state are kept up to date.
    Peer other = cluster.start(cfg -> cfg, p);
    await().atMost(Duration.ofSeconds(15)).until(() -> p.clusterSize() == 2 && other.clusterSize() == 2);
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
    assertThat(listenerThread).isNotDone(); // queued behind the blocked callback, in order

    release.countDown();
    assertThat(listenerThread.get(10, TimeUnit.SECONDS)).isEqualTo(notify);
  }
}
