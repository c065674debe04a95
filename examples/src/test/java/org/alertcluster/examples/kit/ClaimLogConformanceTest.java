package org.alertcluster.examples.kit;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.alertcluster.examples.nflog.ClaimLog;
import org.alertcluster.examples.nflog.pb.Claim;
import org.alertcluster.examples.nflog.pb.Receiver;
import org.alertcluster.examples.state.ExpiringLwwStateAccess;
import org.alertcluster.examples.state.Timestamps;
import org.alertcluster.spitests.StateVerification;

/** The conformance kit against the replicated notification claims (see SilencesConformanceTest). */
class ClaimLogConformanceTest extends StateVerification<ClaimLog> {

  private static final Instant BASE = Instant.parse("2100-01-01T00:00:00Z");

  @Override
  protected ClaimLog createState() {
    return new ClaimLog(Clock.systemUTC());
  }

  @Override
  protected ClaimLog createLargeState(int entries, Random random) {
    // Distinct group keys (mutate draws from 8 so that replicas collide; size01 needs a large State).
    ClaimLog state = createState();
    for (int i = 0; i < entries; i++) {
      state.merge(ExpiringLwwStateAccess.encode(claim("{}:{alertname=\"A" + i + "\"}", random)));
    }
    return state;
  }

  @Override
  protected void mutate(ClaimLog state, Random random) {
    state.merge(ExpiringLwwStateAccess.encode(
        claim("{}:{alertname=\"A" + random.nextInt(8) + "\"}", random)));
  }

  private static Claim claim(String groupKey, Random random) {
    Instant ts = BASE.plusSeconds(random.nextInt(4));
    return Claim.newBuilder()
        .setGroupKey(ByteString.copyFromUtf8(groupKey))
        .setReceiver(Receiver.newBuilder().setGroupName("team").setIntegration("webhook")
            .setIdx(random.nextInt(2)))
        .setAlertSetHash(random.nextLong())
        .setOwner("n" + random.nextInt(3))
        .setTimestamp(Timestamps.of(ts))
        .setExpiresAt(Timestamps.of(ts.plus(Duration.ofMinutes(1))))
        .setReleased(random.nextBoolean())
        .build();
  }
}
