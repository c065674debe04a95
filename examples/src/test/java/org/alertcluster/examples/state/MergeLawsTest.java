package org.alertcluster.examples.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.alertcluster.examples.MutableClock;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.alertcluster.examples.nflog.pb.MeshEntry;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.examples.silence.pb.Matcher;
import org.alertcluster.examples.silence.pb.MeshSilence;
import org.alertcluster.examples.silence.pb.Silence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded property tests of the convergence laws both states must obey: merge is idempotent,
 * commutative and associative, also when LWW times tie. Inputs come from a small id and time pool so
 * that collisions and ties are frequent.
 */
class MergeLawsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @ParameterizedTest(name = "silences seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4711, 20261125})
  void silencesObeyTheMergeLaws(long seed) {
    Random r = new Random(seed);
    check(seed, () -> new Silences(clock, Duration.ofHours(1)), () -> randomSilences(r));
  }

  @ParameterizedTest(name = "nflog seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4711, 20261125})
  void notificationLogObeysTheMergeLaws(long seed) {
    Random r = new Random(seed);
    check(seed, () -> new NotificationLog(clock, Duration.ofHours(1)), () -> randomEntries(r));
  }

  private void check(long seed, Supplier<ExpiringLwwState<?>> fresh, Supplier<byte[]> gen) {
    for (int round = 0; round < 30; round++) {
      byte[] a = gen.get();
      byte[] b = gen.get();
      byte[] c = gen.get();
      String ctx = "seed " + seed + " round " + round;

      ExpiringLwwState<?> ab = fresh.get();
      ab.merge(a);
      ab.merge(b);
      ExpiringLwwState<?> ba = fresh.get();
      ba.merge(b);
      ba.merge(a);
      assertThat(contents(ab.marshalBinary())).as("commutative, " + ctx)
          .isEqualTo(contents(ba.marshalBinary()));

      Set<String> once = contents(ab.marshalBinary());
      ab.merge(a);
      ab.merge(b);
      assertThat(contents(ab.marshalBinary())).as("idempotent, " + ctx).isEqualTo(once);

      ExpiringLwwState<?> left = fresh.get(); // (a+b)+c
      left.merge(ab.marshalBinary());
      left.merge(c);
      ExpiringLwwState<?> bc = fresh.get();
      bc.merge(b);
      bc.merge(c);
      ExpiringLwwState<?> right = fresh.get(); // a+(b+c)
      right.merge(a);
      right.merge(bc.marshalBinary());
      assertThat(contents(left.marshalBinary())).as("associative, " + ctx)
          .isEqualTo(contents(right.marshalBinary()));
    }
  }

  /** The entries of a snapshot as a set of their delimited bytes: order does not matter. */
  private static Set<String> contents(byte[] data) {
    Set<String> out = new HashSet<>();
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    try {
      while (in.available() > 0) {
        int len = com.google.protobuf.CodedInputStream.readRawVarint32(in.read(), in);
        out.add(java.util.HexFormat.of().formatHex(in.readNBytes(len)));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static byte[] randomSilences(Random r) {
    int n = r.nextInt(4);
    List<MeshSilence> list = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant updated = T0.plusSeconds(r.nextInt(3));
      Instant end = T0.plusSeconds(60 + r.nextInt(3) * 60);
      list.add(MeshSilence.newBuilder()
          .setSilence(Silence.newBuilder().setId("id-" + r.nextInt(3))
              .addMatchers(Matcher.newBuilder().setName("alertname").setPattern("A" + r.nextInt(3)))
              .setStartsAt(Timestamps.of(T0)).setEndsAt(Timestamps.of(end))
              .setUpdatedAt(Timestamps.of(updated)).setComment("c" + r.nextInt(2)))
          .setExpiresAt(Timestamps.of(end.plusSeconds(3600))).build());
    }
    return ExpiringLwwState.encode(list);
  }

  private static byte[] randomEntries(Random r) {
    int n = r.nextInt(4);
    List<MeshEntry> list = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      ReceiverKey rk = new ReceiverKey("web", "webhook", r.nextInt(2));
      list.add(MeshEntry.newBuilder()
          .setEntry(org.alertcluster.examples.nflog.pb.Entry.newBuilder()
              .setGroupKey(com.google.protobuf.ByteString.copyFromUtf8("{}:{g=\"" + r.nextInt(3) + "\"}"))
              .setReceiver(org.alertcluster.examples.nflog.pb.Receiver.newBuilder()
                  .setGroupName(rk.groupName()).setIntegration(rk.integration()).setIdx(rk.index()))
              .setTimestamp(Timestamps.of(T0.plusSeconds(r.nextInt(3))))
              .addFiringAlerts(r.nextInt(5)))
          .setExpiresAt(Timestamps.of(T0.plusSeconds(600))).build());
    }
    return ExpiringLwwState.encode(list);
  }
}
