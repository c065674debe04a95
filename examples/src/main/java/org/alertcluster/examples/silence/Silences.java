package org.alertcluster.examples.silence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.alertcluster.examples.silence.pb.MeshSilence;
import org.alertcluster.examples.state.ExpiringLwwState;
import org.alertcluster.examples.state.Timestamps;

/**
 * The replicated silences, Alertmanager's {@code silence.Silences}: State key {@value #KEY}, one
 * {@link MeshSilence} per id, last write (by {@code updated_at}) wins, kept until {@code ends_at +
 * retention}. Every local change (create, update, expire) is broadcast as a one-silence delta.
 */
public final class Silences extends ExpiringLwwState<MeshSilence> {

  /** The replication key, as Alertmanager's. */
  public static final String KEY = "sil";

  private final Duration retention;
  /**
   * Decoded silences, rebuilt only when the state changed: muting is checked for every alert. A
   * rebuild decodes only the entries that changed (an entry is an immutable message, replaced on
   * every change): decoding compiles each regex matcher, and re-decoding all of them after every
   * change made each silence merged during a burst cost a decode of every silence held.
   */
  private volatile Snapshot cache = new Snapshot(-1, List.of(), Map.of());

  private record Snapshot(long version, List<Silence> silences, Map<String, Decoded> byId) {}

  private record Decoded(MeshSilence entry, Silence silence) {}

  /**
   * Creates an empty set of silences.
   *
   * @param clock the clock
   * @param retention how long an expired silence is kept (Alertmanager's {@code --data.retention})
   */
  public Silences(Clock clock, Duration retention) {
    super(KEY, MeshSilence.parser(), clock);
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  protected String keyOf(MeshSilence entry) {
    return entry.getSilence().getId();
  }

  @Override
  protected com.google.protobuf.Timestamp lwwTimeOf(MeshSilence entry) {
    return entry.getSilence().getUpdatedAt();
  }

  @Override
  protected com.google.protobuf.Timestamp expiresAtOf(MeshSilence entry) {
    return entry.getExpiresAt();
  }

  @Override
  protected String invalidReason(MeshSilence entry) {
    if (!entry.hasSilence()) {
      return "no silence";
    }
    if (entry.getSilence().getId().isEmpty()) {
      return "silence without id";
    }
    if (!entry.hasExpiresAt() || (entry.getExpiresAt().getSeconds() == 0 && entry.getExpiresAt().getNanos() == 0)) {
      return "silence " + entry.getSilence().getId() + " without expires_at";
    }
    try {
      SilenceCodec.fromProto(entry);
    } catch (IllegalArgumentException e) {
      return "silence " + entry.getSilence().getId() + ": " + e.getMessage();
    }
    return null;
  }

  /**
   * Creates a silence, or updates the one with the same id, as Alertmanager's API does: a silence
   * whose matchers change, or which has already expired, is not edited in place; a new one is
   * created (and the old expired). Validates first.
   *
   * @param s the silence; empty id to create
   * @return the id of the silence now holding the data
   * @throws IllegalArgumentException when the silence is invalid
   * @throws SilenceNotFoundException when an id is given that does not exist
   */
  public synchronized String set(Silence s) {
    Instant now = clock().instant();
    validate(s, now);
    if (!s.id().isEmpty()) {
      Silence prev = find(s.id()).orElse(null);
      if (prev == null) {
        throw new SilenceNotFoundException(s.id());
      }
      Silence.Status prevStatus = prev.statusAt(now);
      if (prevStatus != Silence.Status.EXPIRED && prev.matchers().equals(s.matchers())) {
        // An active silence keeps its start: moving it would un-silence what it already muted.
        Instant start = prevStatus == Silence.Status.ACTIVE ? prev.startsAt() : s.startsAt();
        put(s.with(s.id(), start, s.endsAt(), stamp(s.id(), now)));
        return s.id();
      }
      if (prevStatus != Silence.Status.EXPIRED) {
        expire(prev.id());
      }
    }
    String id = UUID.randomUUID().toString();
    Instant start = s.startsAt().isBefore(now) ? now : s.startsAt();
    put(s.with(id, start, s.endsAt(), now));
    return id;
  }

  /**
   * Expires a silence now (Alertmanager's delete).
   *
   * @param id the id
   * @throws SilenceNotFoundException if there is no such silence
   */
  public synchronized void expire(String id) {
    MeshSilence mesh = get(id);
    if (mesh == null) {
      throw new SilenceNotFoundException(id);
    }
    Silence s = SilenceCodec.fromProto(mesh);
    Instant now = clock().instant();
    Instant stamp = stamp(id, now);
    switch (s.statusAt(now)) {
      case EXPIRED -> { }
      case PENDING -> put(s.with(id, now, now, stamp));
      case ACTIVE -> put(s.with(id, s.startsAt(), now, stamp));
    }
  }

  /**
   * A silence by id.
   *
   * @param id the id
   * @return the silence, if held
   */
  public Optional<Silence> find(String id) {
    MeshSilence m = get(id);
    return m == null ? Optional.empty() : Optional.of(SilenceCodec.fromProto(m));
  }

  /**
   * Every silence held (expired ones until they are collected), ordered by id.
   *
   * @return the silences
   */
  public List<Silence> list() {
    Snapshot c = cache;
    long v = version();
    if (c.version() == v) {
      return c.silences();
    }
    List<MeshSilence> entries = entries();
    Map<String, Decoded> byId = new HashMap<>(entries.size() * 2);
    List<Silence> out = new ArrayList<>(entries.size());
    for (MeshSilence m : entries) {
      Decoded before = c.byId().get(m.getSilence().getId());
      Silence s = before != null && before.entry() == m ? before.silence() : SilenceCodec.fromProto(m);
      byId.put(s.id(), new Decoded(m, s));
      out.add(s);
    }
    out.sort(Comparator.comparing(Silence::id));
    // A concurrent change may make this stale at once; the next call sees a new version and rebuilds.
    List<Silence> copy = List.copyOf(out);
    cache = new Snapshot(v, copy, byId);
    return copy;
  }

  /**
   * The ids of the silences muting a label set now.
   *
   * @param labels the labels
   * @return the ids, sorted; empty if not silenced
   */
  public List<String> mutedBy(Map<String, String> labels) {
    Instant now = clock().instant();
    List<String> ids = new ArrayList<>();
    for (Silence s : list()) {
      if (s.mutes(labels, now)) {
        ids.add(s.id());
      }
    }
    return ids;
  }

  /**
   * The number of silences that are active now.
   *
   * @return the count
   */
  public long activeCount() {
    Instant now = clock().instant();
    return list().stream().filter(s -> s.statusAt(now) == Silence.Status.ACTIVE).count();
  }

  /**
   * The {@code updated_at} for a change of silence {@code id}: this replica's clock, but always
   * later than the change it replaces. Replicas' clocks disagree; last-write-wins on raw clock
   * time let an expiry sent to a replica whose clock was 300 s behind lose against the creation it
   * meant to end (the API answered 200 and the silence stayed active everywhere). An operator acts
   * on what the replica shows, so a change is causally after the version it replaces; stamping
   * {@code max(now, previous + 1 ns)} makes it win, whatever the clocks say (a hybrid-logical-clock
   * rule restricted to one entry).
   */
  private Instant stamp(String id, Instant now) {
    MeshSilence prev = get(id);
    if (prev == null) {
      return now;
    }
    Instant previous = Timestamps.toInstant(prev.getSilence().getUpdatedAt());
    return now.isAfter(previous) ? now : previous.plusNanos(1);
  }

  private void put(Silence s) {
    // Kept for the retention after the later of its end and its stamp: an expiry made on a replica
    // whose clock is behind ends at that replica's "now", and with a skew above the retention
    // end + retention was already past for the others, which dropped the change as expired gossip
    // (the API had answered 200). The stamp is after the version it replaces, so it is not.
    Instant keepFrom = s.endsAt().isAfter(s.updatedAt()) ? s.endsAt() : s.updatedAt();
    MeshSilence mesh = MeshSilence.newBuilder()
        .setSilence(SilenceCodec.toProto(s))
        .setExpiresAt(Timestamps.of(keepFrom.plus(retention)))
        .build();
    if (!writeLocal(mesh) && !mesh.equals(get(s.id()))) {
      // Never report success for a change that did not take effect (a concurrent newer write).
      throw new IllegalStateException("silence " + s.id() + " was changed concurrently by a newer "
          + "update; read it again and retry");
    }
  }

  private static void validate(Silence s, Instant now) {
    if (s.matchers().isEmpty()) {
      throw new IllegalArgumentException("silence has no matchers");
    }
    if (s.matchers().stream().allMatch(m -> m.matches(""))) {
      throw new IllegalArgumentException("at least one matcher must not match the empty string");
    }
    if (s.endsAt().isBefore(s.startsAt())) {
      throw new IllegalArgumentException("end time must not be before start time");
    }
    if (!s.endsAt().isAfter(now)) {
      throw new IllegalArgumentException("end time can't be in the past");
    }
  }
}
