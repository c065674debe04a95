package org.alertcluster.examples.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The replica's log lines are Alertmanager's: logfmt that {@code grep level=warn} and logfmt parsers
 * read, or JSON; Go durations; the peer's name lifted out of the message.
 */
class LogLineTest {

  private static final Instant TS = Instant.parse("2026-11-30T22:59:12.397Z");

  @Test
  void aClusterLineIsAlertmanagersLogfmt() {
    // A logger name of impl that other modules may name (PublicSurfaceTest): the line is the same for any.
    LogLine l = LogLine.of(TS, "org.alertcluster.impl.JGroupsPeerProvider", LogLine.Level.INFO,
        "Peer 01M8QAY0: Member 01M8QAXZ@127.0.0.1:39195 joined (3 members)", null);
    assertThat(l.logfmt()).isEqualTo("ts=2026-11-30T22:59:12.397Z caller=JGroupsPeerProvider level=info"
        + " component=cluster peer=01M8QAY0 msg=\"Member 01M8QAXZ@127.0.0.1:39195 joined (3 members)\"");
  }

  @Test
  void aWholeSecondKeepsItsMillisecondsAndJGroupsIsTheClusterComponent() {
    LogLine l = LogLine.of(Instant.parse("2026-11-30T22:59:12Z"), "org.jgroups.protocols.pbcast.NAKACK2",
        LogLine.Level.WARN, "x", null);
    assertThat(l.logfmt()).isEqualTo("ts=2026-11-30T22:59:12.000Z caller=NAKACK2 level=warn component=cluster msg=x");
  }

  @Test
  void isoDurationsArePrintedTheGoWay() {
    assertThat(LogLine.goDurations("no view change for PT0.2S, retried every PT3S; forgotten after PT6H"))
        .isEqualTo("no view change for 200ms, retried every 3s; forgotten after 6h0m0s");
    assertThat(LogLine.goDurations("PT1M30S PT1.5S PT0S PT10M")).isEqualTo("1m30s 1.5s 0s 10m0s");
    // Not parts of other words, nor a bare "PT".
    assertThat(LogLine.goDurations("APT3S PT3SX a PT b")).isEqualTo("APT3S PT3SX a PT b");
  }

  @Test
  void valuesAreQuotedAndEscapedAsGoLogfmtDoes() {
    LogLine l = LogLine.of(TS, "org.alertcluster.examples.silence.Silences", LogLine.Level.ERROR,
        "bad \"matcher\"\nline2 a=b", new java.io.IOException("disk full"));
    assertThat(l.logfmt()).isEqualTo("ts=2026-11-30T22:59:12.397Z caller=Silences level=error component=silences"
        + " msg=\"bad \\\"matcher\\\"\\nline2 a=b\" err=\"java.io.IOException: disk full\"");
    StringBuilder b = new StringBuilder();
    LogLine.logfmtValue(b, "");
    assertThat(b).hasToString("\"\"");
  }

  @Test
  void jsonHasTheSameKeys() throws Exception {
    LogLine l = LogLine.of(TS, "org.jgroups.protocols.MERGE3", LogLine.Level.WARN,
        "Peer n1: Failed to join cluster: \"x\"\t\u0001", null);
    JsonNode n = new ObjectMapper().readTree(l.json());
    assertThat(n.path("ts").asText()).isEqualTo("2026-11-30T22:59:12.397Z");
    assertThat(n.path("caller").asText()).isEqualTo("MERGE3");
    assertThat(n.path("level").asText()).isEqualTo("warn");
    assertThat(n.path("component").asText()).isEqualTo("cluster");
    assertThat(n.path("peer").asText()).isEqualTo("n1");
    assertThat(n.path("msg").asText()).isEqualTo("Failed to join cluster: \"x\"\t\u0001");
    assertThat(n.has("err")).isFalse();
    assertThat(l.json()).doesNotContain("\n");
  }

  @Test
  void componentsAreAlertmanagers() {
    assertThat(LogLine.component("org.alertcluster.examples.nflog.NotificationLog")).isEqualTo("nflog");
    assertThat(LogLine.component("org.alertcluster.examples.notify.NotificationPipeline")).isEqualTo("dispatcher");
    assertThat(LogLine.component("org.alertcluster.examples.config.ConfigLoader")).isEqualTo("configuration");
    assertThat(LogLine.component("org.alertcluster.examples.node.Node")).isNull();
    assertThat(LogLine.component("com.example.Other")).isNull();
  }
}
