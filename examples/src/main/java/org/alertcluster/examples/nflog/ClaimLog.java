package org.alertcluster.examples.nflog;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.examples.nflog.pb.Claim;
import org.alertcluster.examples.nflog.pb.Receiver;
import org.alertcluster.examples.state.ExpiringLwwState;
import org.alertcluster.examples.state.Timestamps;

/**
 * The replicated notification claims, State key {@value #KEY}: before a replica sends a group to a
 * receiver it claims the pair (group, receiver, alert-set hash, owner, lease expiry), and the others
 * defer while a {@link #liveClaimOfOther live claim} by another live member exists.
 *
 * <p>One entry per (group, receiver, <em>owner</em>): every replica writes only its own entries, so
 * concurrent claims by two replicas are both kept everywhere (a last-write-wins map per pair would
 * hide one of them, and with it the conflict). Entries expire with their lease; a released claim is
 * kept until then, so a late copy of the unreleased version cannot revive it.
 *
 * <p>Separate from the {@link NotificationLog} so that the log keeps Alertmanager's nflog entry and
 * snapshot format; a claim is short-lived coordination, not a record of what was sent.
 */
public final class ClaimLog extends ExpiringLwwState<Claim> {

  /** The replication key. */
  public static final String KEY = "nfc";

  /**
   * Creates an empty claim log.
   *
   * @param clock the clock deciding expiry
   */
  public ClaimLog(Clock clock) {
    super(KEY, Claim.parser(), clock);
  }

  private static String entryKey(String groupKey, ReceiverKey receiver, String owner) {
    return NotificationLog.stateKey(groupKey, receiver) + ":" + owner;
  }

  @Override
  protected String keyOf(Claim c) {
    return entryKey(c.getGroupKey().toStringUtf8(), receiverOf(c), c.getOwner());
  }

  @Override
  protected Timestamp lwwTimeOf(Claim c) {
    return c.getTimestamp();
  }

  @Override
  protected Timestamp expiresAtOf(Claim c) {
    return c.getExpiresAt();
  }

  @Override
  protected String invalidReason(Claim c) {
    if (!c.hasReceiver()) {
      return "claim without receiver";
    }
    if (c.getOwner().isEmpty()) {
      return "claim without owner";
    }
    if (!c.getGroupKey().isValidUtf8()) {
      return "group key is not UTF-8";
    }
    if (!c.hasExpiresAt() || (c.getExpiresAt().getSeconds() == 0 && c.getExpiresAt().getNanos() == 0)) {
      return "claim without expires_at";
    }
    return null;
  }

  /**
   * Writes (or renews) this replica's claim and broadcasts it, acknowledged.
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @param alertSetHash hash of the alerts to send
   * @param owner this replica's member name
   * @param lease how long the claim binds the others at most
   * @param ackTimeout how long to wait for the members' acknowledgements
   * @return the acknowledgement; already complete and empty when clustering is disabled
   */
  public CompletionStage<BroadcastAck> claim(String groupKey, ReceiverKey receiver,
      long alertSetHash, String owner, Duration lease, Duration ackTimeout) {
    return writeAcknowledged(build(groupKey, receiver, alertSetHash, owner, lease, false), ackTimeout);
  }

  /**
   * Gives this replica's claim up (it stays in the log, marked released, until its lease ends).
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @param owner this replica's member name
   */
  public void release(String groupKey, ReceiverKey receiver, String owner) {
    Claim mine = get(entryKey(groupKey, receiver, owner));
    if (mine == null || mine.getReleased()) {
      return;
    }
    writeLocal(mine.toBuilder().setReleased(true).setTimestamp(Timestamps.of(later(mine))).build());
  }

  /**
   * This replica's own claim on the pair, if it holds one that is not released and not expired.
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @param owner this replica's member name
   * @return the claim
   */
  public Optional<Claim> own(String groupKey, ReceiverKey receiver, String owner) {
    Claim c = get(entryKey(groupKey, receiver, owner));
    return c != null && binding(c, clock().instant()) ? Optional.of(c) : Optional.empty();
  }

  /**
   * A claim on the pair by another replica that still binds this one: not released, lease not
   * expired, and its owner is a member now (a claim of a member that left or failed is void at once).
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @param self this replica's member name
   * @param liveMembers the names of the current members
   * @return such a claim, the one expiring last if there are several
   */
  public Optional<Claim> liveClaimOfOther(String groupKey, ReceiverKey receiver, String self,
      Set<String> liveMembers) {
    Instant now = clock().instant();
    List<Claim> found = entries(c -> !c.getOwner().equals(self) && liveMembers.contains(c.getOwner())
        && binding(c, now) && c.getGroupKey().toStringUtf8().equals(groupKey)
        && receiverOf(c).equals(receiver));
    return found.stream().max((a, b) -> Timestamps.compare(a.getExpiresAt(), b.getExpiresAt()));
  }

  private static ReceiverKey receiverOf(Claim c) {
    Receiver r = c.getReceiver();
    return new ReceiverKey(r.getGroupName(), r.getIntegration(), r.getIdx());
  }

  private static boolean binding(Claim c, Instant now) {
    return !c.getReleased() && Timestamps.toInstant(c.getExpiresAt()).isAfter(now);
  }

  private Claim build(String groupKey, ReceiverKey receiver, long hash, String owner,
      Duration lease, boolean released) {
    Claim previous = get(entryKey(groupKey, receiver, owner));
    Instant now = previous == null ? clock().instant() : later(previous);
    return Claim.newBuilder()
        .setGroupKey(ByteString.copyFrom(groupKey, StandardCharsets.UTF_8))
        .setReceiver(Receiver.newBuilder().setGroupName(receiver.groupName())
            .setIntegration(receiver.integration()).setIdx(receiver.index()))
        .setAlertSetHash(hash)
        .setOwner(owner)
        .setTimestamp(Timestamps.of(now))
        .setExpiresAt(Timestamps.of(now.plus(lease)))
        .setReleased(released)
        .build();
  }

  /** Now, or just after the previous version if the clock has not moved past it: a write must win. */
  private Instant later(Claim previous) {
    Instant now = clock().instant();
    Instant prev = Timestamps.toInstant(previous.getTimestamp());
    return now.isAfter(prev) ? now : prev.plusNanos(1000);
  }
}
