package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The warm-up runs the whole silence path on scratch sets and leaves nothing behind. */
class ApiWarmUpTest {

  @Test
  void everyWarmUpSilenceTravelsFromThePostedJsonToTheSecondSetAndIntoItsListing() {
    // The count is the unfiltered listing's, rendered last: the listing (GET /api/v2/silences) ran.
    assertThat(ApiWarmUp.run(Clock.systemUTC(), 25)).isEqualTo(25);
  }

  @Test
  void theListingIsTheApisFilteredAndOrdered() {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    org.alertcluster.examples.silence.Silences set = new org.alertcluster.examples.silence.Silences(
        Clock.fixed(now, java.time.ZoneOffset.UTC), java.time.Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      set.set(SilenceJson.decode(Json.read(Json.write(java.util.Map.of(
          "matchers", java.util.List.of(java.util.Map.of("name", "job", "value", "j" + i, "isRegex", false)),
          "startsAt", now.toString(), "endsAt", now.plusSeconds(600 - 100 * i).toString(),
          "createdBy", "t", "comment", "c" + i))), now));
    }
    var all = SilencesEndpoint.listing(set.list(), FilterParser.parse(java.util.List.of()), now);
    // Active silences by end: the one ending first comes first.
    assertThat(all).extracting(m -> m.get("comment")).containsExactly("c2", "c1", "c0");
    assertThat(SilencesEndpoint.listing(set.list(), FilterParser.parse(java.util.List.of("job=j1")), now))
        .extracting(m -> m.get("comment")).containsExactly("c1");
  }

  @Test
  void aFailingStepEndsTheWarmUpWithoutThrowing() {
    // The warm-up runs on its own thread at start: whatever fails there must not reach the replica.
    Clock broken = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        throw new IllegalStateException("no time");
      }
    };
    assertThat(ApiWarmUp.run(broken, 5)).isZero();
  }
}
