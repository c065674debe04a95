package org.alertcluster.spitests.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.alertcluster.api.State;

/**
 * A thread-safe last-write-wins map, {@code id → (value, timestamp)}: a complete, reusable
 * {@link State} that passes every rule of {@code StateVerification}. The conformance kit uses it to
 * check peers, and hosts may use or copy it (Alertmanager's silences and notification log are
 * last-write-wins maps of this shape, with protobuf entries).
 *
 * <p>Why it converges: an entry replaces another for the same id only if it
 * {@link LwwEntry#winsOver(LwwEntry) wins} (later timestamp, then greater value), a total order, so
 * merging is "keep the maximum" per id: idempotent, commutative and associative.
 *
 * <p>Why it is safe to share: entries live in a {@link ConcurrentSkipListMap} and each id is updated
 * with an atomic compare-and-set loop, so concurrent merges and local writes never lose the winner.
 * {@link #merge(byte[])} decodes the whole buffer before touching the map, so malformed bytes are
 * rejected with nothing applied. {@link #marshalBinary()} iterates in id order, so equivalent replicas
 * produce identical bytes (a canonical snapshot), which the kit's default comparison relies on.
 *
 * <p>Deletion is not built in: write a tombstone value (say {@code ""}) with a newer timestamp and let
 * the host treat it as absent; a plain removal would be resurrected by the next merge from a replica
 * that still holds the entry.
 *
 * <pre>{@code
 * LwwMapState silences = new LwwMapState("sil");
 * Channel channel = peer.addState(silences);
 * channel.broadcast(silences.put("silence-42", json)); // stamped after the version it replaces
 * }</pre>
 */
public final class LwwMapState implements State {

  private final String key;
  private final ConcurrentSkipListMap<String, LwwEntry> entries = new ConcurrentSkipListMap<>();

  /**
   * Creates an empty map replicated under {@code key}.
   *
   * @param key the State key, matching {@link State#KEY_SYNTAX}
   * @throws IllegalArgumentException if the key is invalid
   */
  public LwwMapState(String key) {
    if (!State.isValidKey(key)) {
      throw new IllegalArgumentException(
          "State key '" + key + "' does not match " + State.KEY_SYNTAX.pattern());
    }
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /**
   * Writes a value locally and returns the delta to broadcast. If an entry that
   * {@link LwwEntry#winsOver(LwwEntry) wins} over this write is already present, nothing changes.
   *
   * @param id the entry id; at most {@link LwwCodec#MAX_ID_BYTES} UTF-8 bytes
   * @param value the value; at most {@link LwwCodec#MAX_VALUE_BYTES} UTF-8 bytes
   * @param timestamp the write's timestamp
   * @return the encoded entry, for {@link org.alertcluster.api.Channel#broadcast(byte[])}
   * @throws IllegalArgumentException if the id or value is too long to encode
   */
  public byte[] put(String id, String value, long timestamp) {
    LwwEntry entry = new LwwEntry(id, value, timestamp);
    // Encode first so that an entry too long for the wire never gets into the map.
    byte[] delta = LwwCodec.encode(List.of(entry));
    apply(entry);
    return delta;
  }

  /**
   * Writes a value now: {@link #put(String, String, long)} stamped with the wall-clock time in
   * milliseconds, but always after the entry it replaces ({@code max(now, previous + 1)}), so that
   * the write takes effect even when the replica that wrote the previous value has a clock ahead of
   * this one (a plain wall-clock stamp lost there: the write changed nothing, anywhere). A write
   * stamped concurrently by another thread is retried, so the value returned is the one held.
   *
   * @param id the entry id
   * @param value the value
   * @return the delta to broadcast
   * @throws IllegalStateException if the entry held is stamped {@code Long.MAX_VALUE}
   */
  public byte[] put(String id, String value) {
    while (true) {
      LwwEntry previous = entries.get(id);
      if (previous != null && previous.timestamp() == Long.MAX_VALUE) {
        throw new IllegalStateException("entry '" + id + "' is stamped Long.MAX_VALUE: no later stamp exists");
      }
      long now = System.currentTimeMillis();
      long stamp = previous == null || now > previous.timestamp() ? now : previous.timestamp() + 1;
      byte[] delta = put(id, value, stamp);
      LwwEntry held = entries.get(id);
      if (held != null && held.timestamp() == stamp && held.value().equals(value)) {
        return delta;
      }
    }
  }

  /**
   * The entry for an id.
   *
   * @param id the entry id
   * @return the current entry, or empty
   */
  public Optional<LwwEntry> get(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * A consistent-enough copy of all entries (weakly consistent under concurrent writes).
   *
   * @return the entries by id, in id order, immutable
   */
  public SortedMap<String, LwwEntry> entries() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /**
   * The number of entries.
   *
   * @return the entry count
   */
  public int size() {
    return entries.size();
  }

  @Override
  public byte[] marshalBinary() {
    return LwwCodec.encode(new ArrayList<>(entries.values()));
  }

  /**
   * Merges a snapshot or delta: every entry in {@code data} is kept if it wins over the current one.
   *
   * @param data a buffer from {@link #marshalBinary()} or {@link #put(String, String, long)}
   * @throws IllegalArgumentException if {@code data} is malformed; nothing is applied then
   */
  @Override
  public void merge(byte[] data) {
    Objects.requireNonNull(data, "data");
    for (LwwEntry e : LwwCodec.decode(data)) {
      apply(e);
    }
  }

  private void apply(LwwEntry entry) {
    // merge() on ConcurrentSkipListMap is a CAS loop: the winner is kept whatever the interleaving.
    entries.merge(entry.id(), entry, LwwEntry::newer);
  }

  /**
   * Merges many entries directly, without encoding: a fast way to build a large state (tests, bulk
   * loads). Each entry is kept only if it wins, as in {@link #merge(byte[])}.
   *
   * @param batch the entries
   */
  public void putAll(Iterable<LwwEntry> batch) {
    for (LwwEntry e : batch) {
      apply(Objects.requireNonNull(e, "entry"));
    }
  }

  @Override
  public String toString() {
    return "LwwMapState{key=" + key + ", entries=" + entries.size() + '}';
  }

  /**
   * Whether two maps hold the same entries, regardless of their keys' identity.
   *
   * @param other another map
   * @return true if both hold equal entries
   */
  public boolean sameEntries(LwwMapState other) {
    return Map.copyOf(entries).equals(Map.copyOf(other.entries));
  }
}
