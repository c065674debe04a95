package org.alertcluster.examples.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.examples.silence.pb.Matcher;
import org.alertcluster.examples.silence.pb.MeshSilence;
import org.alertcluster.examples.silence.pb.Silence;
import org.alertcluster.examples.state.ExpiringLwwStateAccess;
import org.alertcluster.examples.state.Timestamps;
import org.alertcluster.spitests.StateVerification;

/**
 * The conformance kit against the replicated silences. A random update is a silence version built
 * from the kit's Random (few ids, few update times, so collisions and ties happen), applied as the
 * one-entry delta a local change broadcasts; times lie far in the future so nothing expires mid-run.
 */
class SilencesConformanceTest extends StateVerification<Silences> {

  private static final Instant BASE = Instant.parse("2100-01-01T00:00:00Z");

  @Override
  protected Silences createState() {
    return new Silences(Clock.systemUTC(), Duration.ofHours(120));
  }

  @Override
  protected void mutate(Silences state, Random random) {
    state.merge(ExpiringLwwStateAccess.encode(entry(random)));
  }

  @Override
  protected Silences createLargeState(int entries, Random random) {
    // Distinct ids (mutate draws from 16 so that replicas collide; size01 needs a large State).
    Silences state = createState();
    for (int i = 0; i < entries; i++) {
      MeshSilence e = entry(random);
      state.merge(ExpiringLwwStateAccess.encode(e.toBuilder()
          .setSilence(e.getSilence().toBuilder().setId("silence-" + i)).build()));
    }
    return state;
  }

  static MeshSilence entry(Random random) {
    Instant end = BASE.plusSeconds(3600L * (1 + random.nextInt(4)));
    return MeshSilence.newBuilder()
        .setSilence(Silence.newBuilder()
            .setId("silence-" + random.nextInt(16))
            .addMatchers(Matcher.newBuilder().setName("alertname").setPattern("Disk" + random.nextInt(8)))
            .setStartsAt(Timestamps.of(BASE))
            .setEndsAt(Timestamps.of(end))
            .setUpdatedAt(Timestamps.of(BASE.plusSeconds(random.nextInt(4))))
            .setCreatedBy("kit")
            .setComment("c" + random.nextInt(3)))
        .setExpiresAt(Timestamps.of(end.plus(Duration.ofHours(120))))
        .build();
  }
}
