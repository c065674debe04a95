package org.alertcluster.examples.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertcluster.examples.TestNodes.alert;
import static org.alertcluster.examples.TestNodes.delete;
import static org.alertcluster.examples.TestNodes.get;
import static org.alertcluster.examples.TestNodes.method;
import static org.alertcluster.examples.TestNodes.post;
import static org.alertcluster.examples.TestNodes.silence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.TestNodes.Response;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager API v2 subset, endpoint by endpoint, on one node with clustering disabled (the
 * same handlers serve clustered nodes; the cluster tests check the cluster fields).
 */
class ApiContractTest {

  @TempDir
  static Path dir;
  static WebhookSink sink;
  static Node node;
  static String api;

  @BeforeAll
  static void start() throws Exception {
    sink = new WebhookSink();
    node = TestNodes.start(dir, TestNodes.config(sink.url()), "--cluster.listen-address=");
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

  @Test
  void statusReportsDisabledClusterAndTheConfig() throws Exception {
    Response r = get(api + "/status");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.at("/cluster/status").asText()).isEqualTo("disabled");
    assertThat(j.at("/cluster/peers").isArray()).isTrue();
    assertThat(j.at("/cluster/peers").size()).isZero();
    assertThat(j.at("/config/original").asText()).contains("group_wait: 1s");
    assertThat(j.at("/uptime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(j.at("/versionInfo/version").asText()).isNotEmpty();
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(get(TestNodes.base(node) + "/-/healthy").status()).isEqualTo(200);
    assertThat(get(TestNodes.base(node) + "/-/ready").status()).isEqualTo(200);
    assertThat(method(TestNodes.base(node) + "/-/ready", "POST").status()).isEqualTo(405);
  }

  @Test
  void postedAlertsAreListedAndNotified() throws Exception {
    assertThat(post(api + "/alerts", "[" + alert("ApiTest", "a") + "," + alert("ApiTest", "b") + "]").status())
        .isEqualTo(200);
    JsonNode alerts = get(api + "/alerts?filter=alertname%3D%22ApiTest%22").json();
    assertThat(alerts.size()).isEqualTo(2);
    JsonNode a = alerts.get(0);
    assertThat(a.at("/fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(a.at("/status/state").asText()).isEqualTo("active");
    assertThat(a.at("/status/silencedBy").size()).isZero();
    assertThat(a.at("/status/inhibitedBy").size()).isZero();
    assertThat(a.at("/receivers/0/name").asText()).isEqualTo("hook");
    assertThat(a.at("/labels/alertname").asText()).isEqualTo("ApiTest");
    assertThat(a.at("/annotations/summary").asText()).isEqualTo("test");
    assertThat(a.at("/generatorURL").asText()).isEqualTo("http://prom/graph");
    assertThat(a.has("updatedAt") && a.has("startsAt") && a.has("endsAt")).isTrue();

    String key = "{}:{alertname=\"ApiTest\"}";
    await().atMost(15, SECONDS).until(() -> sink.count(key) == 1);
    JsonNode n = sink.received().stream().filter(x -> x.path("groupKey").asText().equals(key)).findFirst().orElseThrow();
    assertThat(n.path("version").asText()).isEqualTo("4");
    assertThat(n.path("status").asText()).isEqualTo("firing");
    assertThat(n.path("receiver").asText()).isEqualTo("hook");
    assertThat(n.at("/groupLabels/alertname").asText()).isEqualTo("ApiTest");
    assertThat(n.at("/commonLabels/alertname").asText()).isEqualTo("ApiTest");
    assertThat(n.at("/commonLabels/instance").isMissingNode()).isTrue();
    assertThat(n.at("/commonAnnotations/summary").asText()).isEqualTo("test");
    assertThat(n.path("externalURL").asText()).startsWith("http://");
    assertThat(n.path("alerts").size()).isEqualTo(2);
    assertThat(n.at("/alerts/0/status").asText()).isEqualTo("firing");
    assertThat(n.at("/alerts/0/endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(n.at("/alerts/0/fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(n.at("/alerts/0/generatorURL").asText()).isEqualTo("http://prom/graph");
    assertThat(n.at("/alerts/0/startsAt").asText()).isNotEmpty();
  }

  @Test
  void badAlertsAre400WithAMessage() throws Exception {
    assertBad(post(api + "/alerts", "[{"), "not valid JSON");
    assertBad(post(api + "/alerts", "{}"), "array");
    assertBad(post(api + "/alerts", "[{\"annotations\":{}}]"), "labels in body is required");
    assertBad(post(api + "/alerts", "[{\"labels\":{}}]"), "at least one label pair");
    assertBad(post(api + "/alerts", "[{\"labels\":{\"1x\":\"y\"}}]"), "invalid name");
    assertBad(post(api + "/alerts", "[{\"labels\":{\"a\":1}}]"), "must be of type string");
    assertBad(post(api + "/alerts", "[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]"), "date-time");
    assertBad(post(api + "/alerts", "[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2026-01-02T00:00:00Z\","
        + "\"endsAt\":\"2026-01-01T00:00:00Z\"}]"), "start time must be before end time");
    assertBad(post(api + "/alerts", ""), "empty");
    assertBad(get(api + "/alerts?silenced=maybe"), "boolean");
    assertBad(get(api + "/alerts?filter=%3D%3D"), "bad matcher");
  }

  @Test
  void silenceLifecycle() throws Exception {
    Response created = post(api + "/silences", silence("Quiet"));
    assertThat(created.status()).isEqualTo(200);
    String id = created.json().path("silenceID").asText();
    assertThat(id).matches("[0-9a-f-]{36}");

    JsonNode one = get(api + "/silence/" + id).json();
    assertThat(one.path("id").asText()).isEqualTo(id);
    assertThat(one.at("/status/state").asText()).isEqualTo("active");
    assertThat(one.at("/matchers/0/name").asText()).isEqualTo("alertname");
    assertThat(one.at("/matchers/0/value").asText()).isEqualTo("Quiet");
    assertThat(one.at("/matchers/0/isRegex").asBoolean()).isFalse();
    assertThat(one.at("/matchers/0/isEqual").asBoolean()).isTrue();
    assertThat(one.path("createdBy").asText()).isEqualTo("test");
    assertThat(one.path("comment").asText()).isEqualTo("quiet");
    assertThat(one.has("updatedAt") && one.has("startsAt") && one.has("endsAt")).isTrue();

    JsonNode all = get(api + "/silences").json();
    assertThat(all.findValuesAsText("id")).contains(id);

    post(api + "/alerts", "[" + alert("Quiet", "x") + "]");
    JsonNode silenced = get(api + "/alerts?filter=alertname%3D%22Quiet%22").json();
    assertThat(silenced.at("/0/status/state").asText()).isEqualTo("suppressed");
    assertThat(silenced.at("/0/status/silencedBy/0").asText()).isEqualTo(id);
    assertThat(get(api + "/alerts?silenced=false&filter=alertname%3D%22Quiet%22").json().size()).isZero();

    // update in place keeps the id
    String update = silence("Quiet").replace("{\"matchers\"", "{\"id\":\"" + id + "\",\"matchers\"");
    assertThat(post(api + "/silences", update).json().path("silenceID").asText()).isEqualTo(id);

    assertThat(delete(api + "/silence/" + id).status()).isEqualTo(200);
    assertThat(get(api + "/silence/" + id).json().at("/status/state").asText()).isEqualTo("expired");
    assertThat(get(api + "/alerts?filter=alertname%3D%22Quiet%22").json().at("/0/status/state").asText())
        .isEqualTo("active");
  }

  @Test
  void badSilencesAndUnknownIds() throws Exception {
    assertThat(get(api + "/silence/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    assertThat(delete(api + "/silence/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    String unknownUpdate = silence("X").replace("{\"matchers\"", "{\"id\":\"nope\",\"matchers\"");
    assertThat(post(api + "/silences", unknownUpdate).status()).isEqualTo(404);
    assertBad(post(api + "/silences", "{\"matchers\":"), "not valid JSON");
    assertBad(post(api + "/silences", silence("X").replace("\"matchers\"", "\"m\"")), "matchers in body is required");
    assertBad(post(api + "/silences", silence("X").replace("\"isRegex\":false", "\"isRegex\":true")
        .replace("\"value\":\"X\"", "\"value\":\"(\"")), "invalid regular expression");
    assertBad(post(api + "/silences", silence("X").replace("\"name\":\"alertname\"", "\"name\":\"a-b\"")),
        "invalid label name");
    assertBad(post(api + "/silences", silence("X").replace("\"createdBy\":\"test\",", "")), "createdBy");
    assertBad(post(api + "/silences", silence("X").replace("\"value\":\"X\"", "\"value\":\"\"")),
        "empty string");
    assertBad(post(api + "/silences", "[]"), "silence object");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() throws Exception {
    assertThat(get(api + "/nope").status()).isEqualTo(404);
    assertThat(get(TestNodes.base(node) + "/").status()).isEqualTo(404);
    Response r = method(api + "/status", "DELETE");
    assertThat(r.status()).isEqualTo(405);
    assertThat(method(api + "/alerts", "PUT").status()).isEqualTo(405);
    assertThat(method(api + "/silence/abc", "POST").status()).isEqualTo(405);
  }

  @Test
  void metricsUseAlertmanagersNames() throws Exception {
    Response r = get(TestNodes.base(node) + "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("alertmanager_cluster_enabled 0\n")
        .contains("# TYPE alertmanager_notifications_total counter")
        .containsPattern("alertmanager_silences\\{state=\"active\"\\} \\d+")
        .doesNotContain("alertmanager_cluster_members");
  }

  @Test
  void statsEndpointReportsCounters() throws Exception {
    JsonNode s = get(api + "/cluster/stats").json();
    assertThat(s.path("status").asText()).isEqualTo("disabled");
    assertThat(s.has("nflogEntries") && s.has("silences") && s.at("/notifications/sent").isNumber()).isTrue();
  }

  private static void assertBad(Response r, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains(messagePart);
  }
}
