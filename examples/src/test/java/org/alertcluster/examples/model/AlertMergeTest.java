package org.alertcluster.examples.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager's {@code types.Alert.Merge} and the store's overlap rule, one rule per test. */
class AlertMergeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Map<String, String> LABELS = Map.of("alertname", "Up", "instance", "a");

  private static Alert alert(long startsAt, long endsAt, long updatedAt, boolean timeout) {
    return new Alert(LABELS, Map.of("summary", "s" + updatedAt), T0.plusSeconds(startsAt),
        T0.plusSeconds(endsAt), "", T0.plusSeconds(updatedAt), timeout);
  }

  private static Alert alert(long startsAt, long endsAt, long updatedAt) {
    return alert(startsAt, endsAt, updatedAt, false);
  }

  @Test
  void aReSendExtendsEndsAtAndMovesUpdatedAtAndAnnotations() {
    Alert held = alert(0, 8, 0);
    Alert resent = alert(0, 10, 2);
    Alert merged = held.mergedWith(resent, T0.plusSeconds(2));
    assertThat(merged.endsAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(merged.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(merged.annotations()).containsEntry("summary", "s2");
    assertThat(merged.resolvedAt(T0.plusSeconds(9))).isFalse();
  }

  @Test
  void theEarliestStartsAtIsKept() {
    assertThat(alert(0, 8, 0).mergedWith(alert(5, 13, 5), T0.plusSeconds(5)).startsAt()).isEqualTo(T0);
    assertThat(alert(5, 13, 0).mergedWith(alert(0, 8, 5), T0.plusSeconds(5)).startsAt()).isEqualTo(T0);
  }

  @Test
  void theOrderOfTheArgumentsDoesNotMatterTheLaterUpdatedAtRules() {
    Alert older = alert(0, 8, 0);
    Alert newer = alert(0, 10, 2);
    Instant now = T0.plusSeconds(3);
    assertThat(older.mergedWith(newer, now)).isEqualTo(newer.mergedWith(older, now));
  }

  @Test
  void aFiringReSendNeverShortensAnExplicitEndsAt() {
    // A delayed send with an earlier endsAt, received after a later one: the later end stays.
    Alert held = alert(0, 12, 2);
    Alert late = alert(0, 8, 3);
    assertThat(held.mergedWith(late, T0.plusSeconds(3)).endsAt()).isEqualTo(T0.plusSeconds(12));
  }

  @Test
  void anEndsAtFilledFromResolveTimeoutDoesNotBeatALaterExplicitOne() {
    // amtool first (timeout: now + resolve_timeout), then Prometheus with a real, earlier endsAt.
    Alert fromTimeout = alert(0, 300, 0, true);
    Alert explicit = alert(0, 8, 1);
    Alert merged = fromTimeout.mergedWith(explicit, T0.plusSeconds(1));
    assertThat(merged.endsAt()).isEqualTo(T0.plusSeconds(8));
    assertThat(merged.timeout()).isFalse();
  }

  @Test
  void anExplicitResolveEndsAFiringAlert() {
    Alert firing = alert(0, 8, 0);
    Alert resolved = alert(0, 3, 4); // Prometheus' last send: endsAt = the resolve time
    Alert merged = firing.mergedWith(resolved, T0.plusSeconds(4));
    assertThat(merged.endsAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(merged.resolvedAt(T0.plusSeconds(4))).isTrue();
  }

  @Test
  void ofTwoResolvedInstancesTheLaterEndWins() {
    Alert a = alert(0, 5, 0);
    Alert b = alert(0, 3, 6);
    assertThat(a.mergedWith(b, T0.plusSeconds(6)).endsAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void theStoreMergesWhenTheNewerStartsOrEndsInsideTheHeldRangeAndReplacesOtherwise() {
    // provider/mem's rule, literally: strict inequalities on both ends.
    Alert held = alert(0, 8, 0);
    assertThat(held.overlaps(alert(2, 10, 2))).as("starts inside").isTrue();
    assertThat(held.overlaps(alert(0, 4, 4))).as("ends inside (an explicit resolve)").isTrue();
    assertThat(held.overlaps(alert(0, 6, 3))).as("ends inside (a delayed older send)").isTrue();
    assertThat(held.overlaps(alert(20, 28, 20))).as("a new occurrence after the old ended").isFalse();
    // Prometheus' re-send (same start, later end) is replaced, which gives what a merge would.
    Alert resent = alert(0, 10, 2);
    assertThat(held.overlaps(resent)).isFalse();
    assertThat(held.mergedWith(resent, T0.plusSeconds(2))).isEqualTo(resent);
  }
}
