package org.alertcluster.examples.notify;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.examples.ThreeReplicas;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.config.RouteConfig;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.nflog.ClaimLog;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.alertcluster.examples.receiver.WebhookIntegration;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.Silences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim path ({@code --cluster.notification-strategy=claim}, the default) re-judges a group after
 * its rank wait as the position path does after its position wait: if an alert of the tick resolved,
 * or a silence began or ended for it, during the wait, the replica ranked first may be sending that
 * change right now, so this replica sends nothing, writes no claim, and judges the group again at the
 * next tick. Without that check the replica would send the group as it was at the tick. Two real
 * peers on loopback; the pipeline under test runs on the one ranked second for
 * the group, so it waits one {@link #PEER_TIMEOUT}; the other replica holds the replicated logs (it
 * acknowledges claims) but never flushes.
 */
class ClaimPathWaitTest {

  /** The rank wait of the replica ranked second. */
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
  /** When, after the tick, the change happens: within the rank wait, with a margin either side. */
  private static final Duration CHANGE_AFTER_TICK = Duration.ofSeconds(1);
  private static final ReceiverKey KEY = new ReceiverKey("hook", "webhook", 0);
  private final Clock clock = Clock.systemUTC();
  private final Silences silences = new Silences(clock, Duration.ofHours(1));
  private final NotificationLog nflog = new NotificationLog(clock, Duration.ofHours(1));
  private final ClaimLog claimLog = new ClaimLog(clock);
  private final PipelineStats stats = new PipelineStats();
  private final ClaimStats claimStats = new ClaimStats();
  private final RouteConfig route = new RouteConfig("hook", List.of("alertname"),
      Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(1));
  private final List<Peer> peers = new ArrayList<>();
  private Peer self;
  private WebhookSink sink;

  @BeforeEach
  void startPeers() throws Exception {
    String label = ThreeReplicas.label("claimwait");
    self = Peers.create(ClusterConfig.loopback().clusterName(label).nodeName("self").build());
    peers.add(self);
    nflog.setChannel(self.addState(nflog));
    claimLog.setChannel(self.addState(claimLog));
    Peer other = Peers.create(ClusterConfig.loopback().clusterName(label).nodeName("other")
        .knownPeers(List.of(self.self().address())).build());
    peers.add(other);
    NotificationLog otherNflog = new NotificationLog(clock, Duration.ofHours(1));
    ClaimLog otherClaims = new ClaimLog(clock);
    otherNflog.setChannel(other.addState(otherNflog));
    otherClaims.setChannel(other.addState(otherClaims));
    await().atMost(30, SECONDS).until(() -> self.clusterSize() == 2 && other.clusterSize() == 2);
    sink = new WebhookSink();
  }

  @AfterEach
  void stop() {
    peers.forEach(Peer::close);
    if (sink != null) {
      sink.close();
    }
  }

  private NotificationPipeline claimingPipeline() {
    ClaimStage claims = new ClaimStage(self, claimLog, nflog, PEER_TIMEOUT, clock, claimStats);
    return new NotificationPipeline(route, List.of(new WebhookIntegration(KEY, URI.create(sink.url()),
        true, HttpClient.newHttpClient(), () -> "http://test")), silences, nflog,
        ClusterGate.of(self, PEER_TIMEOUT), clock, stats, Inhibitor.NONE, claims);
  }

  /** An alertname whose group this replica ranks second for (the other replica goes first). */
  private String secondInRank() {
    for (int i = 0; i < 1000; i++) {
      if (self.rank(groupKey("W" + i)) == 1) {
        return "W" + i;
      }
    }
    throw new AssertionError("no group key ranks this replica second");
  }

  private static String groupKey(String alertname) {
    return "{}:{alertname=\"" + alertname + "\"}";
  }

  @Test
  void aGroupWhoseAlertResolvedDuringTheRankWaitIsJudgedAgainAtTheNextTick() throws Exception {
    NotificationPipeline p = claimingPipeline();
    String name = secondInRank();
    // Built at the tick (the pipeline's first read), so that it ends during the rank wait.
    Alert[] endsSoon = {null};
    Supplier<List<Alert>> group = () -> {
      if (endsSoon[0] == null) {
        Instant tick = Instant.now();
        endsSoon[0] = new Alert(Map.of("alertname", name), Map.of(), tick.minusSeconds(60),
            tick.plus(CHANGE_AFTER_TICK), "", tick);
      }
      return List.of(endsSoon[0]);
    };

    NotificationPipeline.FlushResult r = p.flush(groupKey(name), Map.of("alertname", name), group);
    assertThat(r.completed()).isTrue();
    assertThat(r.resolved()).as("nothing judged resolved at this tick").isEmpty();
    assertThat(sink.requests()).as("sent although the alert resolved during the rank wait").isZero();
    assertThat(claimStats.claims.get()).as("claims written").isZero();
    assertThat(stats.deferredFlushes.get()).isEqualTo(1);
    assertThat(stats.deduplicated.get()).as("a deferral is not a deduplication").isZero();

    // At the next tick the resolve is older than the tick: judged resolved. Nothing was notified
    // firing, so there is nothing to resolve (Alertmanager's rule): still nothing sent, no claim.
    r = p.flush(groupKey(name), Map.of("alertname", name), group);
    assertThat(r.resolved()).containsExactly(endsSoon[0]);
    assertThat(sink.requests()).isZero();
    assertThat(claimStats.claims.get()).isZero();
  }

  @Test
  void aGroupWhoseSilenceBeganDuringTheRankWaitIsJudgedAgainAtTheNextTick() throws Exception {
    NotificationPipeline p = claimingPipeline();
    String name = secondInRank();
    Instant now = Instant.now();
    Alert a = new Alert(Map.of("alertname", name), Map.of(), now, now.plusSeconds(300), "", now);
    // Set at the tick (the pipeline's first read) to start during the rank wait: firing and unmuted
    // at the tick, muted after the wait.
    boolean[] silenced = {false};
    Supplier<List<Alert>> group = () -> {
      if (!silenced[0]) {
        silenced[0] = true;
        Instant tick = Instant.now();
        silences.set(new Silence("", List.of(new Matcher("alertname", name, Matcher.Type.EQUAL)),
            tick.plus(CHANGE_AFTER_TICK), tick.plusSeconds(3600), "t", "c", tick));
      }
      return List.of(a);
    };

    NotificationPipeline.FlushResult r = p.flush(groupKey(name), Map.of("alertname", name), group);
    assertThat(r.completed()).isTrue();
    assertThat(sink.requests()).as("sent although a silence began during the rank wait").isZero();
    assertThat(claimStats.claims.get()).as("claims written").isZero();
    assertThat(stats.deferredFlushes.get()).isEqualTo(1);
    assertThat(stats.silencedAlerts.get()).as("unmuted at the tick").isZero();

    // At the next tick the silence is older than the tick: the group is silenced, nothing is sent.
    r = p.flush(groupKey(name), Map.of("alertname", name), group);
    assertThat(r.completed()).isTrue();
    assertThat(sink.requests()).isZero();
    assertThat(stats.silencedAlerts.get()).isEqualTo(1);
  }

  /** Control: with nothing changing during the rank wait, the group is sent, under a claim. */
  @Test
  void anUnchangedGroupIsSentAfterTheRankWaitUnderAClaim() throws Exception {
    NotificationPipeline p = claimingPipeline();
    String name = secondInRank();
    Instant now = Instant.now();
    Alert a = new Alert(Map.of("alertname", name), Map.of(), now, now.plusSeconds(300), "", now);

    NotificationPipeline.FlushResult r = p.flush(groupKey(name), Map.of("alertname", name),
        () -> List.of(a));
    assertThat(r.completed()).isTrue();
    assertThat(sink.received()).singleElement()
        .satisfies(n -> assertThat(n.path("status").asText()).isEqualTo("firing"));
    assertThat(claimStats.claims.get()).isEqualTo(1);
    assertThat(stats.deferredFlushes.get()).isZero();
  }
}
