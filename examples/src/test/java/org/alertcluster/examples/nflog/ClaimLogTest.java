package org.alertcluster.examples.nflog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.alertcluster.examples.MutableClock;
import org.alertcluster.examples.nflog.pb.Claim;
import org.junit.jupiter.api.Test;

class ClaimLogTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String GROUP = "{}:{alertname=\"Disk\"}";
  private static final ReceiverKey HOOK = new ReceiverKey("hook", "webhook", 0);
  private static final Duration LEASE = Duration.ofSeconds(20);
  private static final Duration ACK = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(T0);
  private final ClaimLog a = new ClaimLog(clock);
  private final ClaimLog b = new ClaimLog(clock);

  @Test
  void anotherReplicasClaimBindsWhileItsOwnerIsAMemberAndItsLeaseRuns() {
    a.claim(GROUP, HOOK, 42, "n1", LEASE, ACK);
    b.merge(a.marshalBinary());
    Claim seen = b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n1", "n2")).orElseThrow();
    assertThat(seen.getOwner()).isEqualTo("n1");
    assertThat(seen.getAlertSetHash()).isEqualTo(42);
    // The owner itself does not defer to its own claim, and sees it as its own.
    assertThat(a.liveClaimOfOther(GROUP, HOOK, "n1", Set.of("n1", "n2"))).isEmpty();
    assertThat(a.own(GROUP, HOOK, "n1")).isPresent();
    // Other groups and receivers are not bound.
    assertThat(b.liveClaimOfOther("{}:{alertname=\"Cpu\"}", HOOK, "n2", Set.of("n1", "n2"))).isEmpty();
    assertThat(b.liveClaimOfOther(GROUP, new ReceiverKey("hook", "webhook", 1), "n2",
        Set.of("n1", "n2"))).isEmpty();
  }

  @Test
  void aClaimOfAMemberThatIsGoneIsVoidAtOnce() {
    a.claim(GROUP, HOOK, 42, "n1", LEASE, ACK);
    b.merge(a.marshalBinary());
    assertThat(b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n2", "n3"))).isEmpty();
  }

  @Test
  void aClaimBindsNobodyAfterItsLease() {
    a.claim(GROUP, HOOK, 42, "n1", LEASE, ACK);
    b.merge(a.marshalBinary());
    clock.advance(LEASE);
    assertThat(b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n1", "n2"))).isEmpty();
    assertThat(a.own(GROUP, HOOK, "n1")).isEmpty();
  }

  @Test
  void concurrentClaimsOfTwoOwnersAreBothKeptSoTheConflictIsVisible() {
    a.claim(GROUP, HOOK, 1, "n1", LEASE, ACK);
    b.claim(GROUP, HOOK, 1, "n2", LEASE, ACK);
    a.merge(b.marshalBinary());
    b.merge(a.marshalBinary());
    assertThat(a.liveClaimOfOther(GROUP, HOOK, "n1", Set.of("n1", "n2")).orElseThrow().getOwner())
        .isEqualTo("n2");
    assertThat(b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n1", "n2")).orElseThrow().getOwner())
        .isEqualTo("n1");
    assertThat(a.marshalBinary()).isEqualTo(b.marshalBinary());
  }

  @Test
  void aReleasedClaimStaysReleasedEvenIfTheOldVersionArrivesLate() {
    a.claim(GROUP, HOOK, 1, "n1", LEASE, ACK);
    byte[] old = a.marshalBinary();
    a.release(GROUP, HOOK, "n1"); // same instant: the release must still win
    b.merge(a.marshalBinary());
    b.merge(old);
    assertThat(b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n1", "n2"))).isEmpty();
    assertThat(a.own(GROUP, HOOK, "n1")).isEmpty();
    // A new claim after the release binds again.
    a.claim(GROUP, HOOK, 1, "n1", LEASE, ACK);
    b.merge(a.marshalBinary());
    assertThat(b.liveClaimOfOther(GROUP, HOOK, "n2", Set.of("n1", "n2"))).isPresent();
  }

  @Test
  void renewingExtendsTheLease() {
    a.claim(GROUP, HOOK, 1, "n1", LEASE, ACK);
    clock.advance(Duration.ofSeconds(15));
    a.claim(GROUP, HOOK, 1, "n1", LEASE, ACK);
    clock.advance(Duration.ofSeconds(15));
    assertThat(a.own(GROUP, HOOK, "n1")).isPresent();
  }

  @Test
  void invalidClaimsAreRejectedWithTheReason() {
    Claim noOwner = Claim.newBuilder().setReceiver(
        org.alertcluster.examples.nflog.pb.Receiver.getDefaultInstance())
        .setExpiresAt(org.alertcluster.examples.state.Timestamps.of(T0.plusSeconds(60))).build();
    assertThatThrownBy(() -> b.merge(org.alertcluster.examples.state.ExpiringLwwStateAccess
        .encode(noOwner))).hasMessageContaining("claim without owner");
  }
}
