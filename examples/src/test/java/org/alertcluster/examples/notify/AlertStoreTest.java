package org.alertcluster.examples.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.MutableClock;
import org.alertcluster.examples.model.Alert;
import org.junit.jupiter.api.Test;

/**
 * The store's lifecycle under Prometheus' sending pattern, on a clock moved by hand: re-sends every
 * 2 s with {@code endsAt = now + 8 s} keep one firing alert across many {@code endsAt}s; when they
 * stop, the alert resolves at its last {@code endsAt}.
 */
class AlertStoreTest {

  private static final Map<String, String> LABELS = Map.of("alertname", "Up");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final List<Alert> seen = new ArrayList<>();
  private final AlertStore store = new AlertStore(clock, seen::add);

  private Alert prometheusSend(Instant startsAt) {
    Instant now = clock.instant();
    return new Alert(LABELS, Map.of(), startsAt, now.plusSeconds(8), "http://prom", now);
  }

  @Test
  void reSendsKeepOneFiringAlertAcrossManyEndsAtsThenItResolvesAtTheLastOne() {
    Instant start = clock.instant();
    Instant lastEnd = null;
    for (int i = 0; i < 30; i++) { // 60 s: 7 times the 8 s horizon
      store.put(List.of(prometheusSend(start)));
      lastEnd = clock.instant().plusSeconds(8);
      assertThat(store.list()).hasSize(1);
      Alert held = store.list().get(0);
      assertThat(held.resolvedAt(clock.instant())).as("re-send %d", i).isFalse();
      assertThat(held.startsAt()).isEqualTo(start);
      assertThat(held.endsAt()).isEqualTo(lastEnd);
      assertThat(held.updatedAt()).isEqualTo(clock.instant());
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(seen).hasSize(30).allMatch(a -> a.fingerprint() == seen.get(0).fingerprint());
    clock.advance(Duration.between(clock.instant(), lastEnd).minusMillis(1));
    assertThat(store.list().get(0).resolvedAt(clock.instant())).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.list().get(0).resolvedAt(clock.instant())).isTrue();
  }

  @Test
  void aNewOccurrenceAfterTheOldOneEndedStartsAfresh() {
    Instant firstStart = clock.instant();
    store.put(List.of(prometheusSend(firstStart)));
    clock.advance(Duration.ofSeconds(60));
    Instant secondStart = clock.instant();
    store.put(List.of(prometheusSend(secondStart)));
    assertThat(store.list()).singleElement().satisfies(a -> {
      assertThat(a.startsAt()).isEqualTo(secondStart);
      assertThat(a.resolvedAt(clock.instant())).isFalse();
    });
  }

  @Test
  void gcForgetsOnlyAlertsResolvedLongerAgoThanTheGivenTime() {
    store.put(List.of(prometheusSend(clock.instant())));
    clock.advance(Duration.ofSeconds(10)); // resolved 2 s ago
    assertThat(store.gc(Duration.ofSeconds(5))).isZero();
    clock.advance(Duration.ofSeconds(4));
    assertThat(store.gc(Duration.ofSeconds(5))).isEqualTo(1);
    assertThat(store.list()).isEmpty();
  }
}
