package org.alertcluster.examples.nflog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.alertcluster.examples.MutableClock;
import org.junit.jupiter.api.Test;

class NotificationLogTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ReceiverKey WEB = new ReceiverKey("team", "webhook", 0);
  private final MutableClock clock = new MutableClock(T0);
  private final NotificationLog log = new NotificationLog(clock, Duration.ofHours(120));

  @Test
  void logRecordsAndReplicatesTheNewestEntry() {
    log.log(WEB, "{}:{a=\"1\"}", List.of(1L, 2L), List.of(), Duration.ofHours(2));
    NflogEntry e = log.query("{}:{a=\"1\"}", WEB).orElseThrow();
    assertThat(e.firingAlerts()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(e.timestamp()).isEqualTo(T0);
    assertThat(e.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(log.query("{}:{a=\"1\"}", new ReceiverKey("team", "webhook", 1))).isEmpty();

    NotificationLog peer = new NotificationLog(clock, Duration.ofHours(120));
    byte[] old = log.marshalBinary();
    clock.advance(Duration.ofMinutes(1));
    log.log(WEB, "{}:{a=\"1\"}", List.of(1L), List.of(2L), Duration.ofHours(2));
    peer.merge(log.marshalBinary());
    peer.merge(old); // an older entry arriving late does not win
    assertThat(peer.query("{}:{a=\"1\"}", WEB).orElseThrow().resolvedAlerts()).isEqualTo(Set.of(2L));
  }

  @Test
  void expiryIsCappedByRetentionAndExpiredEntriesStayGone() {
    NotificationLog shortLog = new NotificationLog(clock, Duration.ofMinutes(10));
    shortLog.log(WEB, "g", List.of(1L), List.of(), Duration.ofHours(2));
    assertThat(shortLog.query("g", WEB).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(600));
    byte[] snapshot = shortLog.marshalBinary();
    clock.advance(Duration.ofMinutes(10));
    assertThat(shortLog.query("g", WEB)).isEmpty();
    assertThat(shortLog.gc()).isEqualTo(1);
    shortLog.merge(snapshot);
    assertThat(shortLog.size()).isZero();
  }

  /**
   * A replica 300 s behind notifies a group after merging the entry of a replica with the true
   * clock: its notification is recorded, here and there (it was left out, so the replica sent the
   * same notification again at every group interval until its clock caught up).
   */
  @Test
  void aNotificationAfterAnEntryStampedByAClockAheadIsRecordedEverywhere() {
    NotificationLog ahead = new NotificationLog(new MutableClock(T0.plusSeconds(300)), Duration.ofHours(1));
    ahead.log(WEB, "g", List.of(7L), List.of(), Duration.ofHours(1));
    log.merge(ahead.marshalBinary());

    log.log(WEB, "g", List.of(7L, 8L), List.of(), Duration.ofHours(1));
    ahead.merge(log.marshalBinary());

    for (NotificationLog replica : List.of(log, ahead)) {
      NflogEntry e = replica.query("g", WEB).orElseThrow();
      assertThat(e.firingAlerts()).as("the later notification, on both replicas").containsExactlyInAnyOrder(7L, 8L);
      assertThat(e.timestamp()).as("stamped after the entry it replaced").isAfter(T0.plusSeconds(300));
    }
  }

  @Test
  void malformedInputIsRejectedWholeAndLeavesTheLogUnchanged() {
    log.log(WEB, "g", List.of(1L), List.of(), Duration.ofHours(1));
    byte[] before = log.marshalBinary();
    NotificationLog other = new NotificationLog(clock, Duration.ofHours(1));
    other.log(WEB, "h", List.of(2L), List.of(), Duration.ofHours(1));
    byte[] valid = other.marshalBinary();
    byte[] entryWithoutReceiver = org.alertcluster.examples.state.ExpiringLwwStateAccess.encode(
        org.alertcluster.examples.nflog.pb.MeshEntry.newBuilder()
            .setEntry(org.alertcluster.examples.nflog.pb.Entry.newBuilder().setGroupKey(
                com.google.protobuf.ByteString.copyFromUtf8("x")))
            .setExpiresAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(T0.getEpochSecond() + 99))
            .build());
    byte[] validPlusBad = Arrays.copyOf(valid, valid.length + entryWithoutReceiver.length);
    System.arraycopy(entryWithoutReceiver, 0, validPlusBad, valid.length, entryWithoutReceiver.length);
    for (byte[] bad : List.of(Arrays.copyOf(valid, valid.length - 1), validPlusBad,
        new byte[] {(byte) 0x80})) {
      assertThatThrownBy(() -> log.merge(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThat(log.marshalBinary()).isEqualTo(before);
    }
  }
}
