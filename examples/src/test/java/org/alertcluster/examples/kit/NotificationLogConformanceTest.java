package org.alertcluster.examples.kit;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.pb.Entry;
import org.alertcluster.examples.nflog.pb.MeshEntry;
import org.alertcluster.examples.nflog.pb.Receiver;
import org.alertcluster.examples.state.ExpiringLwwStateAccess;
import org.alertcluster.examples.state.Timestamps;
import org.alertcluster.spitests.StateVerification;

/** The conformance kit against the replicated notification log (see SilencesConformanceTest). */
class NotificationLogConformanceTest extends StateVerification<NotificationLog> {

  private static final Instant BASE = Instant.parse("2100-01-01T00:00:00Z");

  @Override
  protected NotificationLog createState() {
    return new NotificationLog(Clock.systemUTC(), Duration.ofHours(120));
  }

  @Override
  protected NotificationLog createLargeState(int entries, Random random) {
    // Distinct group keys (mutate draws from 8 so that replicas collide; size01 needs a large State).
    NotificationLog state = createState();
    for (int i = 0; i < entries; i++) {
      Instant ts = BASE.plusSeconds(random.nextInt(4));
      state.merge(ExpiringLwwStateAccess.encode(MeshEntry.newBuilder()
          .setEntry(Entry.newBuilder()
              .setGroupKey(ByteString.copyFromUtf8("{}:{alertname=\"A" + i + "\"}"))
              .setReceiver(Receiver.newBuilder().setGroupName("team").setIntegration("webhook"))
              .setTimestamp(Timestamps.of(ts))
              .addFiringAlerts(random.nextInt(5)))
          .setExpiresAt(Timestamps.of(ts.plus(Duration.ofHours(8))))
          .build()));
    }
    return state;
  }

  @Override
  protected void mutate(NotificationLog state, Random random) {
    Instant ts = BASE.plusSeconds(random.nextInt(4));
    MeshEntry e = MeshEntry.newBuilder()
        .setEntry(Entry.newBuilder()
            .setGroupKey(ByteString.copyFromUtf8("{}:{alertname=\"A" + random.nextInt(8) + "\"}"))
            .setReceiver(Receiver.newBuilder().setGroupName("team").setIntegration("webhook")
                .setIdx(random.nextInt(2)))
            .setTimestamp(Timestamps.of(ts))
            .addFiringAlerts(random.nextInt(5))
            .addResolvedAlerts(random.nextInt(5)))
        .setExpiresAt(Timestamps.of(ts.plus(Duration.ofHours(8))))
        .build();
    state.merge(ExpiringLwwStateAccess.encode(e));
  }
}
