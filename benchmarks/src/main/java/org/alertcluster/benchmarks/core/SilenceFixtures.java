package org.alertcluster.benchmarks.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.Silences;

/** Silence-like entries: the example host's real replicated silences, with typical matchers. */
public final class SilenceFixtures {

  private SilenceFixtures() {}

  /** @return a new, empty silences State with Alertmanager's default retention */
  public static Silences empty() {
    return new Silences(Clock.systemUTC(), Duration.ofHours(120));
  }

  /**
   * @param count how many
   * @return silences with {@code count} active silences on two matchers each
   */
  public static Silences filled(int count) {
    Silences s = empty();
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      s.set(silence(i, now));
    }
    return s;
  }

  /** One active silence: {@code alertname="Alert<i%50>", instance=~"host-<i>.*"}. */
  public static Silence silence(int i, Instant now) {
    return new Silence("", List.of(new Matcher("alertname", "Alert" + (i % 50), Matcher.Type.EQUAL),
        new Matcher("instance", "host-" + i + ".*", Matcher.Type.REGEX)), now, now.plus(Duration.ofHours(2)),
        "bench", "maintenance window " + i, now);
  }
}
