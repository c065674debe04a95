package org.alertcluster.examples.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.config.RouteConfig;
import org.alertcluster.examples.model.Alert;
import org.junit.jupiter.api.Test;

/** What a group keeps after a flush: Alertmanager's {@code DeleteIfNotModified}. */
class AggregationGroupTest {

  private static final RouteConfig ROUTE = new RouteConfig("hook", List.of("alertname"),
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(1));
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static Alert alert(String instance, long endsAt, long updatedAt) {
    return new Alert(Map.of("alertname", "G", "instance", instance), Map.of(), T0,
        T0.plusSeconds(endsAt), "", T0.plusSeconds(updatedAt));
  }

  @Test
  void aResolvedAlertTheFlushSawIsDroppedAndTheEmptyGroupSaysSo() {
    AggregationGroup g = new AggregationGroup("k", ROUTE, Map.of("alertname", "G"));
    Alert resolved = alert("a", 5, 0);
    g.insert(resolved);
    assertThat(g.removeResolved(List.of(resolved))).isTrue();
    assertThat(g.alerts()).isEmpty();
  }

  @Test
  void anAlertReSentDuringTheFlushIsKeptThoughTheFlushSawItResolved() {
    AggregationGroup g = new AggregationGroup("k", ROUTE, Map.of("alertname", "G"));
    Alert seen = alert("a", 5, 0);
    g.insert(seen);
    Alert resent = alert("a", 13, 6); // arrived while the flush was sending
    g.insert(resent);
    assertThat(g.removeResolved(List.of(seen))).isFalse();
    assertThat(g.alerts()).containsExactly(resent);
  }

  @Test
  void firingAlertsAreNeverDroppedOnlyThoseTheFlushReportsResolved() {
    AggregationGroup g = new AggregationGroup("k", ROUTE, Map.of("alertname", "G"));
    Alert firing = alert("a", 100, 0);
    Alert resolved = alert("b", 5, 0);
    g.insert(firing);
    g.insert(resolved);
    assertThat(g.removeResolved(List.of(resolved))).isFalse();
    assertThat(g.alerts()).containsExactly(firing);
  }
}
