package org.alertcluster.examples.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertcluster.examples.TestNodes.get;
import static org.alertcluster.examples.TestNodes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v2/alerts} input handling as Alertmanager's: Go's zero time (amtool's
 * {@code alert add}) means "not set", a re-sent alert is merged into the one held.
 */
class AlertInputTest {

  private static final String ZERO = "0001-01-01T00:00:00Z";
  @TempDir
  static Path dir;
  static WebhookSink sink;
  static Node node;
  static String api;

  @BeforeAll
  static void start() throws Exception {
    sink = new WebhookSink();
    node = TestNodes.start(dir, "global:\n  resolve_timeout: 2m\n" + TestNodes.config(sink.url()),
        "--cluster.listen-address=");
    api = TestNodes.base(node) + "/api/v2";
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (sink != null) {
      sink.close();
    }
  }

  private static JsonNode only(String alertname) throws Exception {
    JsonNode list = get(api + "/alerts?filter=alertname%3D%22" + alertname + "%22").json();
    assertThat(list.size()).as("alerts named %s: %s", alertname, list).isEqualTo(1);
    return list.get(0);
  }

  @Test
  void goZeroTimesAsAmtoolSendsThemMeanNowAndNowPlusResolveTimeout() throws Exception {
    Instant before = Instant.now();
    assertThat(post(api + "/alerts", "[{\"labels\":{\"alertname\":\"ZeroTimes\"},\"startsAt\":\"" + ZERO
        + "\",\"endsAt\":\"" + ZERO + "\",\"generatorURL\":\"\"}]").status()).isEqualTo(200);
    Instant after = Instant.now();
    JsonNode a = only("ZeroTimes");
    Instant startsAt = Instant.parse(a.path("startsAt").asText());
    Instant endsAt = Instant.parse(a.path("endsAt").asText());
    assertThat(startsAt).isBetween(before, after);
    assertThat(endsAt).isEqualTo(startsAt.plus(Duration.ofMinutes(2)));
    assertThat(a.at("/status/state").asText()).isEqualTo("active");
    await().atMost(10, SECONDS).until(() -> sink.count("{}:{alertname=\"ZeroTimes\"}") == 1);
    assertThat(sink.received().stream().filter(n -> n.path("groupKey").asText().contains("ZeroTimes"))
        .findFirst().orElseThrow().path("status").asText()).isEqualTo("firing");
  }

  @Test
  void aZeroStartsAtWithAPastEndsAtIsAResolvedAlertNotAnError() throws Exception {
    Instant end = Instant.now().minusSeconds(5);
    assertThat(post(api + "/alerts", "[{\"labels\":{\"alertname\":\"ZeroStart\"},\"startsAt\":\"" + ZERO
        + "\",\"endsAt\":\"" + end + "\"}]").status()).isEqualTo(200);
    // Resolved alerts are not listed, as in Alertmanager.
    assertThat(get(api + "/alerts?filter=alertname%3D%22ZeroStart%22").json().size()).isZero();
  }

  @Test
  void aReSentAlertIsOneAlertWhoseEndsAtAndUpdatedAtMove() throws Exception {
    Instant start = Instant.now().minusSeconds(30);
    Instant end1 = Instant.now().plusSeconds(60);
    Instant end2 = end1.plusSeconds(2);
    String labels = "\"labels\":{\"alertname\":\"ReSent\",\"instance\":\"a\"}";
    assertThat(post(api + "/alerts", "[{" + labels + ",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + end1
        + "\"}]").status()).isEqualTo(200);
    Instant updated1 = Instant.parse(only("ReSent").path("updatedAt").asText());
    await().atMost(5, SECONDS).until(() -> Instant.now().isAfter(updated1.plusMillis(5)));
    assertThat(post(api + "/alerts", "[{" + labels + ",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + end2
        + "\"}]").status()).isEqualTo(200);
    JsonNode a = only("ReSent");
    assertThat(Instant.parse(a.path("startsAt").asText())).isEqualTo(start);
    assertThat(Instant.parse(a.path("endsAt").asText())).isEqualTo(end2);
    assertThat(Instant.parse(a.path("updatedAt").asText())).isAfter(updated1);
  }

  @Test
  void aMalformedTimeNamesTheFieldAndTheValue() throws Exception {
    TestNodes.Response r = post(api + "/alerts",
        "[{\"labels\":{\"alertname\":\"Bad\"},\"endsAt\":\"yesterday\"}]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("endsAt").contains("yesterday");
  }
}
