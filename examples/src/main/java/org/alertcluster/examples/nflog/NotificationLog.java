package org.alertcluster.examples.nflog;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import org.alertcluster.examples.nflog.pb.Entry;
import org.alertcluster.examples.nflog.pb.MeshEntry;
import org.alertcluster.examples.nflog.pb.Receiver;
import org.alertcluster.examples.state.ExpiringLwwState;
import org.alertcluster.examples.state.Timestamps;

/**
 * The replicated notification log, Alertmanager's {@code nflog.Log}: State key {@value #KEY}, one
 * {@link MeshEntry} per (group key, receiver integration), newest {@code timestamp} wins, kept until
 * {@code expires_at = now + min(retention, 2 × repeat_interval)}. Each successful notification is
 * recorded with {@link #log} and broadcast as a one-entry delta, so that the replicas behind this one
 * in position order find it and do not notify again.
 */
public final class NotificationLog extends ExpiringLwwState<MeshEntry> {

  /** The replication key, as Alertmanager's. */
  public static final String KEY = "nfl";

  private final Duration retention;

  /**
   * Creates an empty log.
   *
   * @param clock the clock
   * @param retention the longest an entry is kept
   */
  public NotificationLog(Clock clock, Duration retention) {
    super(KEY, MeshEntry.parser(), clock);
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /**
   * The map key of a (group, receiver) pair, Alertmanager's {@code "<groupKey>:<receiver>"}.
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @return the key
   */
  public static String stateKey(String groupKey, ReceiverKey receiver) {
    return groupKey + ":" + receiver;
  }

  @Override
  protected String keyOf(MeshEntry e) {
    Receiver r = e.getEntry().getReceiver();
    return stateKey(e.getEntry().getGroupKey().toStringUtf8(),
        new ReceiverKey(r.getGroupName(), r.getIntegration(), r.getIdx()));
  }

  @Override
  protected Timestamp lwwTimeOf(MeshEntry e) {
    return e.getEntry().getTimestamp();
  }

  @Override
  protected Timestamp expiresAtOf(MeshEntry e) {
    return e.getExpiresAt();
  }

  @Override
  protected String invalidReason(MeshEntry e) {
    if (!e.hasEntry()) {
      return "no entry";
    }
    if (!e.getEntry().hasReceiver()) {
      return "entry without receiver";
    }
    if (e.getEntry().getReceiver().getIdx() < 0) {
      return "receiver index out of range";
    }
    if (!e.getEntry().getGroupKey().isValidUtf8()) {
      return "group key is not UTF-8";
    }
    if (!e.hasExpiresAt() || (e.getExpiresAt().getSeconds() == 0 && e.getExpiresAt().getNanos() == 0)) {
      return "entry without expires_at";
    }
    return null;
  }

  /**
   * Records a successful notification and broadcasts it. The entry is stamped with this replica's
   * clock, but always after the entry it replaces: Alertmanager (and this log before) left an entry
   * stamped by a replica whose clock runs ahead alone, so a notification sent after it was never
   * recorded, and the replica, still seeing the older set, sent it again at every group interval
   * until its clock caught up (user trial, issue 10's clock skew). The entry it replaces was merged
   * here before this notification, so {@code max(now, previous + 1 ns)} orders them as they happened.
   *
   * @param receiver the receiver integration
   * @param groupKey the group key
   * @param firing fingerprints of the firing alerts notified
   * @param resolved fingerprints of the resolved alerts notified
   * @param expiry how long to keep the entry (2 × repeat interval), capped by the retention
   */
  public void log(ReceiverKey receiver, String groupKey, Collection<Long> firing,
      Collection<Long> resolved, Duration expiry) {
    Instant now = clock().instant();
    MeshEntry existing = get(stateKey(groupKey, receiver));
    Instant stamp = now;
    if (existing != null) {
      Instant previous = Timestamps.toInstant(lwwTimeOf(existing));
      if (!now.isAfter(previous)) {
        stamp = previous.plusNanos(1);
      }
    }
    Duration keep = expiry.isZero() || expiry.compareTo(retention) > 0 ? retention : expiry;
    Entry entry = Entry.newBuilder()
        .setGroupKey(ByteString.copyFrom(groupKey, StandardCharsets.UTF_8))
        .setReceiver(Receiver.newBuilder().setGroupName(receiver.groupName())
            .setIntegration(receiver.integration()).setIdx(receiver.index()))
        .setTimestamp(Timestamps.of(stamp))
        .addAllFiringAlerts(firing)
        .addAllResolvedAlerts(resolved)
        .build();
    writeLocal(MeshEntry.newBuilder().setEntry(entry).setExpiresAt(Timestamps.of(stamp.plus(keep))).build());
  }

  /**
   * The last notification of a group to a receiver, if one is recorded and not expired.
   *
   * @param groupKey the group key
   * @param receiver the receiver integration
   * @return the entry
   */
  public Optional<NflogEntry> query(String groupKey, ReceiverKey receiver) {
    MeshEntry m = get(stateKey(groupKey, receiver));
    if (m == null || !Timestamps.toInstant(m.getExpiresAt()).isAfter(clock().instant())) {
      return Optional.empty();
    }
    Entry e = m.getEntry();
    return Optional.of(new NflogEntry(groupKey, receiver, Timestamps.toInstant(e.getTimestamp()),
        new HashSet<>(e.getFiringAlertsList()), new HashSet<>(e.getResolvedAlertsList()),
        Timestamps.toInstant(m.getExpiresAt())));
  }
}
