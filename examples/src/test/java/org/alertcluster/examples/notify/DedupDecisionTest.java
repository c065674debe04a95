package org.alertcluster.examples.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.alertcluster.examples.notify.DedupDecision.Reason.ALL_ALERTS_RESOLVED;
import static org.alertcluster.examples.notify.DedupDecision.Reason.FIRST_NOTIFICATION;
import static org.alertcluster.examples.notify.DedupDecision.Reason.NEW_ALERTS_IN_GROUP;
import static org.alertcluster.examples.notify.DedupDecision.Reason.NEW_RESOLVED_ALERTS;
import static org.alertcluster.examples.notify.DedupDecision.Reason.NO_UPDATE;
import static org.alertcluster.examples.notify.DedupDecision.Reason.REPEAT_INTERVAL_ELAPSED;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.alertcluster.examples.nflog.NflogEntry;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Alertmanager's needsUpdate decision table, row by row. */
class DedupDecisionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration REPEAT = Duration.ofHours(4);

  private static NflogEntry entry(Set<Long> firing, Set<Long> resolved, Duration ago) {
    return new NflogEntry("g", new ReceiverKey("r", "webhook", 0), NOW.minus(ago), firing, resolved,
        NOW.plusSeconds(3600));
  }

  static Stream<Arguments> table() {
    Duration recent = Duration.ofMinutes(1);
    return Stream.of(
        Arguments.of("no entry, firing", null, Set.of(1L), Set.of(), false, FIRST_NOTIFICATION),
        Arguments.of("no entry, only resolved", null, Set.of(), Set.of(1L), true, NO_UPDATE),
        Arguments.of("new firing alert", entry(Set.of(1L), Set.of(), recent), Set.of(1L, 2L), Set.of(), false, NEW_ALERTS_IN_GROUP),
        Arguments.of("firing again after all resolved", entry(Set.of(), Set.of(1L), recent), Set.of(1L), Set.of(), false, FIRST_NOTIFICATION),
        Arguments.of("all resolved, no send_resolved", entry(Set.of(1L), Set.of(), recent), Set.of(), Set.of(1L), false, ALL_ALERTS_RESOLVED),
        Arguments.of("nothing firing before or now", entry(Set.of(), Set.of(1L), recent), Set.of(), Set.of(1L, 2L), true, NO_UPDATE),
        Arguments.of("new resolved, send_resolved", entry(Set.of(1L, 2L), Set.of(), recent), Set.of(1L), Set.of(2L), true, NEW_RESOLVED_ALERTS),
        Arguments.of("new resolved, no send_resolved", entry(Set.of(1L, 2L), Set.of(), recent), Set.of(1L), Set.of(2L), false, NO_UPDATE),
        Arguments.of("unchanged, recent", entry(Set.of(1L), Set.of(), recent), Set.of(1L), Set.of(), false, NO_UPDATE),
        Arguments.of("fewer firing, recent", entry(Set.of(1L, 2L), Set.of(), recent), Set.of(1L), Set.of(), false, NO_UPDATE),
        Arguments.of("unchanged, repeat elapsed", entry(Set.of(1L), Set.of(), REPEAT.plusSeconds(1)), Set.of(1L), Set.of(), false, REPEAT_INTERVAL_ELAPSED),
        Arguments.of("unchanged, exactly repeat", entry(Set.of(1L), Set.of(), REPEAT), Set.of(1L), Set.of(), false, NO_UPDATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, NflogEntry entry, Set<Long> firing, Set<Long> resolved, boolean sendResolved,
      DedupDecision.Reason expected) {
    assertThat(DedupDecision.needsUpdate(entry, firing, resolved, sendResolved, REPEAT, NOW)).isEqualTo(expected);
  }
}
