package org.alertcluster.examples.notify;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.config.RouteConfig;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.alertcluster.examples.receiver.WebhookIntegration;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.Silences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline's stages on one replica: retries, recording, silencing, dedup on repeat flushes. */
class PipelineTest {

  private static final ReceiverKey KEY = new ReceiverKey("hook", "webhook", 0);
  private final Clock clock = Clock.systemUTC();
  private final Silences silences = new Silences(clock, Duration.ofHours(1));
  private final NotificationLog nflog = new NotificationLog(clock, Duration.ofHours(1));
  private final PipelineStats stats = new PipelineStats();
  private final RouteConfig route = new RouteConfig("hook", List.of("alertname"), Duration.ofMillis(100),
      Duration.ofSeconds(1), Duration.ofHours(1));
  private WebhookSink sink;

  @AfterEach
  void closeSink() {
    if (sink != null) {
      sink.close();
    }
  }

  private NotificationPipeline pipeline(String url) {
    return new NotificationPipeline(route, List.of(new WebhookIntegration(KEY, URI.create(url), true,
        HttpClient.newHttpClient(), () -> "http://test")), silences, nflog, ClusterGate.disabled(), clock, stats);
  }

  private static Alert firing(String name) {
    Instant now = Instant.now();
    return new Alert(Map.of("alertname", name), Map.of(), now, now.plusSeconds(300), "", now);
  }

  @Test
  void aFailingWebhookIsRetriedThenRecordedAndTheNextFlushIsDeduplicated() throws Exception {
    sink = new WebhookSink();
    sink.failNext(2);
    NotificationPipeline p = pipeline(sink.url());
    List<Alert> alerts = List.of(firing("A"));
    assertThat(p.flush("{}:{alertname=\"A\"}", Map.of("alertname", "A"), alerts)).isTrue();
    assertThat(sink.requests()).isEqualTo(3);
    assertThat(sink.received()).hasSize(1);
    assertThat(nflog.query("{}:{alertname=\"A\"}", KEY)).isPresent();

    assertThat(p.flush("{}:{alertname=\"A\"}", Map.of("alertname", "A"), alerts)).isTrue();
    assertThat(sink.received()).hasSize(1);
    assertThat(stats.deduplicated.get()).isEqualTo(1);
  }

  @Test
  void silencedAlertsAreNotSent() throws Exception {
    sink = new WebhookSink();
    Instant now = Instant.now();
    silences.set(new Silence("", List.of(new Matcher("alertname", "S", Matcher.Type.EQUAL)), now,
        now.plusSeconds(60), "t", "c", now));
    assertThat(pipeline(sink.url()).flush("{}:{alertname=\"S\"}", Map.of("alertname", "S"), List.of(firing("S"))))
        .isTrue();
    assertThat(sink.requests()).isZero();
    assertThat(stats.silencedAlerts.get()).isEqualTo(1);
    assertThat(nflog.size()).isZero();
  }

  @Test
  void aWebhookThatKeepsFailingIsNotRecorded() throws Exception {
    sink = new WebhookSink();
    sink.failNext(Integer.MAX_VALUE);
    // Retries until the flush deadline, max(group_interval, 10 s), then gives up without a log entry.
    assertThat(pipeline(sink.url()).flush("{}:{alertname=\"F\"}", Map.of("alertname", "F"), List.of(firing("F"))))
        .isFalse();
    assertThat(sink.requests()).isGreaterThan(1);
    assertThat(nflog.size()).isZero();
    assertThat(stats.notificationsFailed.get()).isEqualTo(1);
  }

  @Test
  void dispatcherGroupsByLabelsAndFlushesAfterGroupWait() throws Exception {
    sink = new WebhookSink();
    try (Dispatcher d = new Dispatcher(route, pipeline(sink.url()), clock)) {
      AlertStore store = new AlertStore(clock, d::receive);
      Instant now = Instant.now();
      store.put(List.of(
          new Alert(Map.of("alertname", "G1", "i", "1"), Map.of(), now, now.plusSeconds(300), "", now),
          new Alert(Map.of("alertname", "G1", "i", "2"), Map.of(), now, now.plusSeconds(300), "", now),
          new Alert(Map.of("alertname", "G2", "i", "1"), Map.of(), now, now.plusSeconds(300), "", now)));
      assertThat(d.groups()).hasSize(2);
      await().atMost(10, SECONDS).until(() -> sink.received().size() == 2);
      assertThat(sink.count("{}:{alertname=\"G1\"}")).isEqualTo(1);
      assertThat(sink.received().stream().filter(n -> n.path("groupKey").asText().contains("G1"))
          .findFirst().orElseThrow().path("alerts").size()).isEqualTo(2);
    }
  }

  @Test
  void aResolvedGroupIsNotifiedOnceAsResolved() throws Exception {
    sink = new WebhookSink();
    NotificationPipeline p = pipeline(sink.url());
    Instant now = Instant.now();
    Alert firing = new Alert(Map.of("alertname", "R"), Map.of(), now.minusSeconds(60), now.plusSeconds(300), "", now);
    Alert resolved = new Alert(Map.of("alertname", "R"), Map.of(), now.minusSeconds(60), now.minusSeconds(1), "", now);
    String key = "{}:{alertname=\"R\"}";
    assertThat(p.flush(key, Map.of("alertname", "R"), List.of(firing))).isTrue();
    assertThat(p.flush(key, Map.of("alertname", "R"), List.of(resolved))).isTrue();
    assertThat(p.flush(key, Map.of("alertname", "R"), List.of(resolved))).isTrue();
    assertThat(sink.received()).hasSize(2);
    assertThat(sink.received().get(1).path("status").asText()).isEqualTo("resolved");
    assertThat(sink.received().get(1).at("/alerts/0/endsAt").asText()).isEqualTo(resolved.endsAt().toString());
    assertThat(nflog.query(key, KEY).orElseThrow().firingAlerts()).isEmpty();
  }

  @Test
  void theGroupIsReadAtTheTickAndAfterTheWaitAndWhatItFoundResolvedIsReturned() throws Exception {
    sink = new WebhookSink();
    NotificationPipeline p = pipeline(sink.url());
    Instant now = Instant.now();
    Alert firing = new Alert(Map.of("alertname", "L", "i", "1"), Map.of(), now.minusSeconds(60), now.plusSeconds(300), "", now);
    Alert resolved = new Alert(Map.of("alertname", "L", "i", "2"), Map.of(), now.minusSeconds(60), now.minusSeconds(1), "", now);
    int[] reads = {0};
    NotificationPipeline.FlushResult r = p.flush("{}:{alertname=\"L\"}", Map.of("alertname", "L"), () -> {
      reads[0]++;
      return List.of(firing, resolved);
    });
    assertThat(reads[0]).as("read at the tick and again after the (zero) position wait").isEqualTo(2);
    assertThat(r.completed()).isTrue();
    assertThat(r.resolved()).containsExactly(resolved);
    assertThat(sink.received()).singleElement().satisfies(n -> {
      assertThat(n.path("status").asText()).isEqualTo("firing");
      assertThat(n.findValuesAsText("endsAt")).contains("0001-01-01T00:00:00Z", resolved.endsAt().toString());
    });
  }

  private NotificationPipeline waitingPipeline(String url, Duration wait) {
    return new NotificationPipeline(route, List.of(new WebhookIntegration(KEY, URI.create(url), true,
        HttpClient.newHttpClient(), () -> "http://test")), silences, nflog, ClusterGate.waiting(wait), clock, stats);
  }

  @Test
  void aReplicaBehindPositionZeroPutsOffAGroupWhoseAlertResolvedDuringItsWait() throws Exception {
    // Position 0 gets the whole wait as head start for what it saw at the tick; a resolve that
    // happened during the wait was not covered, so this replica sends neither "firing" (Alertmanager
    // would, finding the resolve logged) nor "resolved" (position 0 may be sending it right now).
    sink = new WebhookSink();
    NotificationPipeline p = waitingPipeline(sink.url(), Duration.ofMillis(400));
    Instant now = Instant.now();
    Alert endsSoon = new Alert(Map.of("alertname", "W", "i", "1"), Map.of(), now.minusSeconds(60),
        now.plusMillis(150), "", now);
    NotificationPipeline.FlushResult r = p.flush("{}:{alertname=\"W\"}", Map.of("alertname", "W"),
        () -> List.of(endsSoon));
    assertThat(r.completed()).isTrue();
    assertThat(r.resolved()).isEmpty();
    assertThat(sink.requests()).isZero();
    assertThat(stats.deferredFlushes.get()).isEqualTo(1);

    // At the next tick the resolve is older than the tick: judged resolved, and sent (no log entry).
    r = p.flush("{}:{alertname=\"W\"}", Map.of("alertname", "W"), () -> List.of(endsSoon));
    assertThat(r.resolved()).containsExactly(endsSoon);
  }

  @Test
  void anAlertThatArrivedDuringTheWaitWaitsForTheNextTick() throws Exception {
    sink = new WebhookSink();
    NotificationPipeline p = waitingPipeline(sink.url(), Duration.ofMillis(100));
    Alert a = firing("N");
    Alert b = new Alert(Map.of("alertname", "N", "i", "late"), Map.of(), Instant.now(),
        Instant.now().plusSeconds(300), "", Instant.now());
    int[] reads = {0};
    p.flush("{}:{alertname=\"N\"}", Map.of("alertname", "N"),
        () -> reads[0]++ == 0 ? List.of(a) : List.of(a, b));
    assertThat(sink.received()).singleElement()
        .satisfies(n -> assertThat(n.path("alerts").size()).as("alerts sent").isEqualTo(1));
  }

  @Test
  void aReplicaBehindPositionZeroPutsOffAGroupWhoseSilenceEndedDuringItsWait() throws Exception {
    // The silence ends while this replica waits: position 0 may be sending the group right now,
    // so this replica judges it again at the next tick (where it finds position 0's log entry).
    sink = new WebhookSink();
    Instant now = Instant.now();
    silences.set(new Silence("", List.of(new Matcher("alertname", "E", Matcher.Type.EQUAL)),
        now.minusSeconds(10), now.plusMillis(150), "t", "c", now));
    NotificationPipeline p = waitingPipeline(sink.url(), Duration.ofMillis(400));
    Alert a = firing("E");
    NotificationPipeline.FlushResult r = p.flush("{}:{alertname=\"E\"}", Map.of("alertname", "E"),
        () -> List.of(a));
    assertThat(r.completed()).isTrue();
    assertThat(sink.requests()).as("sent while the silence ended during the wait").isZero();
    assertThat(stats.deferredFlushes.get()).isEqualTo(1);

    p.flush("{}:{alertname=\"E\"}", Map.of("alertname", "E"), () -> List.of(a));
    assertThat(sink.received()).as("sent at the next tick, the silence having ended before it")
        .hasSize(1);
  }
}
