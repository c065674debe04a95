package org.alertcluster.examples.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.alertcluster.api.Channel;
import org.alertcluster.examples.MutableClock;
import org.alertcluster.examples.model.Matcher;
import org.junit.jupiter.api.Test;

class SilencesTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final Silences silences = new Silences(clock, Duration.ofHours(1));

  private static Silence silence(String id, String alertname, Instant start, Instant end) {
    return new Silence(id, List.of(new Matcher("alertname", alertname, Matcher.Type.EQUAL)), start,
        end, "me", "test", T0);
  }

  private static class RecordingChannel implements Channel {
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public String key() {
      return Silences.KEY;
    }

    @Override
    public void broadcast(byte[] data) {
      sent.add(data);
    }

    @Override
    public java.util.concurrent.CompletionStage<org.alertcluster.api.BroadcastAck> broadcastAcknowledged(
        byte[] data, Duration timeout) {
      sent.add(data);
      return java.util.concurrent.CompletableFuture.completedFuture(
          new org.alertcluster.api.BroadcastAck(java.util.Set.of(), java.util.Set.of()));
    }
  }

  @Test
  void listingAfterAChangeDecodesOnlyWhatChanged() {
    String a = silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    String b = silences.set(silence("", "Cpu", T0, T0.plusSeconds(600)));
    List<Silence> first = silences.list();
    String c = silences.set(silence("", "Net", T0, T0.plusSeconds(600)));
    silences.expire(b);
    List<Silence> second = silences.list();

    assertThat(second).extracting(Silence::id).containsExactlyInAnyOrder(a, b, c).isSorted();
    Silence aBefore = first.stream().filter(x -> x.id().equals(a)).findFirst().orElseThrow();
    Silence aAfter = second.stream().filter(x -> x.id().equals(a)).findFirst().orElseThrow();
    Silence bAfter = second.stream().filter(x -> x.id().equals(b)).findFirst().orElseThrow();
    assertThat(aAfter).isSameAs(aBefore); // unchanged entry: not decoded again
    assertThat(bAfter.statusAt(T0)).isEqualTo(Silence.Status.EXPIRED); // changed entry: decoded anew
    assertThat(silences.mutedBy(Map.of("alertname", "Cpu"))).isEmpty();
    assertThat(silences.mutedBy(Map.of("alertname", "Net"))).containsExactly(c);
  }

  @Test
  void createMutesMatchingAlertsAndBroadcastsOnce() {
    RecordingChannel ch = new RecordingChannel();
    silences.setChannel(ch);
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(ch.sent).hasSize(1);
    assertThat(silences.mutedBy(Map.of("alertname", "Disk", "x", "y"))).containsExactly(id);
    assertThat(silences.mutedBy(Map.of("alertname", "Cpu"))).isEmpty();

    Silences other = new Silences(clock, Duration.ofHours(1));
    other.merge(ch.sent.get(0));
    assertThat(other.find(id)).contains(silences.find(id).orElseThrow());
  }

  @Test
  void updateInPlaceKeepsIdAndChangedMatchersCreateANewOne() {
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(silences.set(silence(id, "Disk", T0, T0.plusSeconds(900)))).isEqualTo(id);
    assertThat(silences.find(id).orElseThrow().endsAt()).isEqualTo(T0.plusSeconds(900));

    clock.advance(Duration.ofSeconds(1));
    String newId = silences.set(silence(id, "Cpu", T0, T0.plusSeconds(900)));
    assertThat(newId).isNotEqualTo(id);
    assertThat(silences.find(id).orElseThrow().statusAt(clock.instant())).isEqualTo(Silence.Status.EXPIRED);
    assertThat(silences.mutedBy(Map.of("alertname", "Cpu"))).containsExactly(newId);
  }

  @Test
  void expireEndsMutingAndUnknownIdsAreNotFound() {
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    clock.advance(Duration.ofSeconds(1));
    silences.expire(id);
    assertThat(silences.mutedBy(Map.of("alertname", "Disk"))).isEmpty();
    assertThatThrownBy(() -> silences.expire("nope")).isInstanceOf(SilenceNotFoundException.class);
    assertThatThrownBy(() -> silences.set(silence("nope", "Disk", T0, T0.plusSeconds(60))))
        .isInstanceOf(SilenceNotFoundException.class);
  }

  @Test
  void invalidSilencesAreRefused() {
    assertThatThrownBy(() -> silences.set(new Silence("", List.of(), T0, T0.plusSeconds(60), "", "", T0)))
        .hasMessageContaining("no matchers");
    assertThatThrownBy(() -> silences.set(new Silence("",
        List.of(new Matcher("a", ".*", Matcher.Type.REGEX)), T0, T0.plusSeconds(60), "", "", T0)))
        .hasMessageContaining("empty string");
    assertThatThrownBy(() -> silences.set(silence("", "Disk", T0, T0.minusSeconds(1))))
        .hasMessageContaining("before start");
    assertThatThrownBy(() -> new Matcher("a", "(", Matcher.Type.REGEX))
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> new Matcher("1a", "x", Matcher.Type.EQUAL))
        .hasMessageContaining("invalid label name");
  }

  @Test
  void newerUpdateWinsWhateverTheOrderAndOlderIsIgnored() {
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    byte[] v1 = silences.marshalBinary();
    clock.advance(Duration.ofSeconds(5));
    silences.set(silence(id, "Disk", T0, T0.plusSeconds(1200)));
    byte[] v2 = silences.marshalBinary();

    Silences a = new Silences(clock, Duration.ofHours(1));
    a.merge(v1);
    a.merge(v2);
    Silences b = new Silences(clock, Duration.ofHours(1));
    b.merge(v2);
    b.merge(v1);
    assertThat(a.find(id).orElseThrow().endsAt()).isEqualTo(T0.plusSeconds(1200));
    assertThat(b.list()).isEqualTo(a.list());
  }

  @Test
  void expiredGossipIsNeverResurrected() {
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(60)));
    byte[] snapshot = silences.marshalBinary();
    // ends at +60 s, kept for the 1 h retention, then collected
    clock.advance(Duration.ofSeconds(60).plusHours(1).plusSeconds(1));
    assertThat(silences.gc()).isEqualTo(1);
    assertThat(silences.find(id)).isEmpty();
    silences.merge(snapshot); // a stale peer still gossips it
    assertThat(silences.find(id)).isEmpty();
    assertThat(silences.size()).isZero();
  }

  @Test
  void gcKeepsSilencesWithinRetention() {
    silences.set(silence("", "Disk", T0, T0.plusSeconds(60)));
    clock.advance(Duration.ofMinutes(30));
    assertThat(silences.gc()).isZero();
    assertThat(silences.list()).hasSize(1);
  }

  @Test
  void malformedBytesAreRejectedAndTheStateIsUnchanged() {
    silences.set(silence("", "Disk", T0, T0.plusSeconds(600)));
    byte[] before = silences.marshalBinary();
    byte[] good = new Silences(clock, Duration.ofHours(1)).marshalBinary();
    Silences src = new Silences(clock, Duration.ofHours(1));
    src.set(silence("", "Cpu", T0, T0.plusSeconds(600)));
    byte[] valid = src.marshalBinary();
    byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
    byte[] validThenGarbage = concat(valid, new byte[] {0x05, 0x01, 0x02});
    for (byte[] bad : List.of(truncated, validThenGarbage, new byte[] {(byte) 0xff, (byte) 0xff},
        new byte[] {0x02, 0x08, 0x01})) {
      assertThatThrownBy(() -> silences.merge(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThat(silences.marshalBinary()).isEqualTo(before);
    }
    silences.merge(good); // empty is fine
    assertThat(silences.marshalBinary()).isEqualTo(before);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * The input: a silence created on a replica with the true clock, then expired (DELETE)
   * on a replica whose clock is 300 s behind. The expiry must take effect on both replicas.
   */
  @Test
  void expiryOnAReplicaWhoseClockIsBehindStillWinsEverywhere() {
    RecordingChannel trueCh = new RecordingChannel();
    silences.setChannel(trueCh);
    String id = silences.set(silence("", "Disk", T0, T0.plusSeconds(3600)));
    MutableClock behind = new MutableClock(T0.minusSeconds(300));
    Silences skewed = new Silences(behind, Duration.ofHours(1));
    RecordingChannel skewedCh = new RecordingChannel();
    skewed.setChannel(skewedCh);
    skewed.merge(trueCh.sent.get(0));

    skewed.expire(id);

    assertThat(skewedCh.sent).as("the expiry was applied and broadcast").hasSize(1);
    silences.merge(skewedCh.sent.get(0));
    for (Silences replica : List.of(silences, skewed)) {
      assertThat(replica.mutedBy(Map.of("alertname", "Disk"))).as("muted on a replica").isEmpty();
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(silences.find(id).orElseThrow().statusAt(clock.instant()))
        .isEqualTo(Silence.Status.EXPIRED);
    // And a later change on the true-clock replica still wins over the skewed expiry.
    Instant skewedStamp = silences.find(id).orElseThrow().updatedAt();
    assertThat(skewedStamp).isAfter(T0);
  }

  /**
   * The same expiry with a retention shorter than the skew ({@code --data.retention=1m}, a clock
   * 300 s behind): the expiry's tombstone was kept until {@code endsAt + retention} by the skewed
   * clock, a time already past for the true-clock replica, which dropped it as expired gossip; the
   * skewed replica answered 200 and the silence stayed active everywhere else.
   */
  @Test
  void expiryFromAReplicaBehindByMoreThanTheRetentionIsNotDroppedAsExpiredGossip() {
    Silences trueReplica = new Silences(clock, Duration.ofMinutes(1));
    RecordingChannel trueCh = new RecordingChannel();
    trueReplica.setChannel(trueCh);
    String id = trueReplica.set(silence("", "Disk", T0, T0.plusSeconds(3600)));
    Silences skewed = new Silences(new MutableClock(T0.minusSeconds(300)), Duration.ofMinutes(1));
    RecordingChannel skewedCh = new RecordingChannel();
    skewed.setChannel(skewedCh);
    skewed.merge(trueCh.sent.get(0));

    skewed.expire(id);
    trueReplica.merge(skewedCh.sent.get(0));

    assertThat(trueReplica.mutedBy(Map.of("alertname", "Disk")))
        .as("the true-clock replica applied the expiry sent by the replica 300 s behind").isEmpty();
    assertThat(trueReplica.find(id)).as("the expired silence is kept for the retention").isPresent();
  }
}
