package org.alertcluster.examples.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.api.State;

/**
 * A replicated last-write-wins map with a time to live per entry: the pattern Alertmanager's
 * silences and notification log share (§4.2 of the reference). Entries are protobuf messages; the
 * wire and snapshot form is a concatenation of varint-delimited messages, one per entry.
 *
 * <p>Merge of one entry: an entry whose {@code expiresAt} has passed is ignored, so expired gossip is
 * never resurrected (Alertmanager #1631); otherwise it replaces the local entry with the same key when
 * there is none or the local one's LWW time is strictly older. On equal LWW times the entry whose
 * serialized bytes sort higher wins. Alertmanager keeps the local one instead; that is only
 * commutative when both sides hold identical entries, and the conformance kit requires commutativity,
 * so the tie-break is made deterministic (identical entries are unaffected).
 *
 * <p>Thread-safe: all access to the map is synchronized on this object; parsing happens outside the
 * lock and a whole buffer is parsed and validated before anything is applied, so a malformed buffer
 * leaves the state untouched.
 *
 * @param <M> the protobuf message type of one entry
 */
public abstract class ExpiringLwwState<M extends MessageLite> implements State {

  private final String key;
  private final Parser<M> parser;
  private final Clock clock;
  // Sorted, so that a snapshot is canonical: equal states marshal to equal bytes (and files).
  private final Map<String, M> entries = new TreeMap<>();
  private final AtomicReference<Channel> channel = new AtomicReference<>();
  /** Incremented on every change, so that subclasses can cache derived views. */
  private long version;

  /**
   * Creates an empty state.
   *
   * @param key the replication key
   * @param parser parses one entry
   * @param clock the clock deciding expiry
   */
  protected ExpiringLwwState(String key, Parser<M> parser, Clock clock) {
    if (!State.isValidKey(key)) {
      throw new IllegalArgumentException("invalid key " + key);
    }
    this.key = key;
    this.parser = Objects.requireNonNull(parser, "parser");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The map key of an entry. */
  protected abstract String keyOf(M entry);

  /** The last-write-wins time of an entry. */
  protected abstract Timestamp lwwTimeOf(M entry);

  /** When every replica may forget the entry. */
  protected abstract Timestamp expiresAtOf(M entry);

  /**
   * Checks a parsed entry from the network or disk.
   *
   * @param entry the entry
   * @return null if valid, else why not
   */
  protected abstract String invalidReason(M entry);

  @Override
  public final String key() {
    return key;
  }

  /**
   * The clock this state decides expiry with.
   *
   * @return the clock
   */
  public final Clock clock() {
    return clock;
  }

  /**
   * Connects the state to its cluster channel; until then local writes are not broadcast (clustering
   * disabled, or not yet registered).
   *
   * @param channel the channel returned by {@code Peer.addState}, or null to disconnect
   */
  public final void setChannel(Channel channel) {
    this.channel.set(channel);
  }

  @Override
  public final byte[] marshalBinary() {
    List<M> copy;
    synchronized (this) {
      copy = new ArrayList<>(entries.values());
    }
    return encode(copy);
  }

  @Override
  public final void merge(byte[] data) {
    // From the network: all or nothing, so a peer's bad buffer never half-applies (the conformance
    // kit's rule); the peer counts and logs the rejection, and anti-entropy repairs the rest.
    List<M> parsed = decode(data);
    Instant now = clock.instant();
    synchronized (this) {
      for (M m : parsed) {
        mergeOne(m, now);
      }
    }
  }

  /**
   * Merges a snapshot file entry by entry: the readable entries are merged, the others skipped and
   * reported, so that one entry this host cannot use (say, a pattern another engine wrote) never
   * costs every other silence in the file.
   *
   * @param data the snapshot's bytes
   * @param skipped receives one description per entry skipped
   * @return how many entries were read (and merged under the usual rule)
   */
  public final int mergeSkippingInvalid(byte[] data, List<String> skipped) {
    List<M> parsed = decode(data, skipped);
    Instant now = clock.instant();
    synchronized (this) {
      for (M m : parsed) {
        mergeOne(m, now);
      }
    }
    return parsed.size();
  }

  /**
   * Writes an entry made locally: merges it under the usual rule and, when it changed the state,
   * broadcasts it to the other replicas as a one-entry delta.
   *
   * @param entry the new entry
   * @return true if the state changed
   */
  protected final boolean writeLocal(M entry) {
    String reason = invalidReason(entry);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    boolean changed;
    synchronized (this) {
      changed = mergeOne(entry, clock.instant());
    }
    if (changed) {
      Channel ch = channel.get();
      if (ch != null) {
        ch.broadcast(encode(List.of(entry)));
      }
    }
    return changed;
  }

  /**
   * Writes an entry made locally, like {@link #writeLocal}, and broadcasts it acknowledged: the
   * stage completes once every other member has merged it (or with who did not, at the timeout).
   * Broadcast even when the merge changed nothing locally (a repeated write must still reach
   * members that missed the first).
   *
   * @param entry the new entry
   * @param timeout the longest to wait for acknowledgements
   * @return the acknowledgement; complete and empty without a channel (clustering disabled)
   */
  protected final CompletionStage<BroadcastAck> writeAcknowledged(M entry, Duration timeout) {
    String reason = invalidReason(entry);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    synchronized (this) {
      mergeOne(entry, clock.instant());
    }
    Channel ch = channel.get();
    if (ch == null) {
      return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), Set.of()));
    }
    return ch.broadcastAcknowledged(encode(List.of(entry)), timeout);
  }

  /**
   * Broadcasts the current entry under {@code entryKey} again, acknowledged, so that the caller can
   * wait until every member holds it (e.g. a notification log entry before the claim that protected
   * the send lapses). Nothing is sent if there is no such entry.
   *
   * @param entryKey the entry's key
   * @param timeout the longest to wait for acknowledgements
   * @return the acknowledgement; complete and empty without an entry or a channel
   */
  public final CompletionStage<BroadcastAck> confirm(String entryKey, Duration timeout) {
    M entry = get(entryKey);
    Channel ch = channel.get();
    if (entry == null || ch == null) {
      return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), Set.of()));
    }
    return ch.broadcastAcknowledged(encode(List.of(entry)), timeout);
  }

  /**
   * The entry under a key.
   *
   * @param entryKey the key
   * @return the entry or null
   */
  protected final synchronized M get(String entryKey) {
    return entries.get(entryKey);
  }

  /**
   * A copy of every entry, including ones past their expiry that were not collected yet.
   *
   * @return the entries
   */
  protected final synchronized List<M> entries() {
    return new ArrayList<>(entries.values());
  }

  /**
   * The entries matching a predicate, copied.
   *
   * @param filter the predicate
   * @return the matching entries
   */
  protected final synchronized List<M> entries(Predicate<M> filter) {
    List<M> out = new ArrayList<>();
    for (M m : entries.values()) {
      if (filter.test(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * A number that changes whenever the entries change, for caching views of them.
   *
   * @return the version
   */
  protected final synchronized long version() {
    return version;
  }

  /**
   * The number of entries held (collected or not).
   *
   * @return the size
   */
  public final synchronized int size() {
    return entries.size();
  }

  /**
   * Deletes every entry whose expiry has passed. Local only: every replica collects on its own
   * schedule, and merges refuse expired entries, so nothing comes back.
   *
   * @return how many entries were deleted
   */
  public final int gc() {
    Instant now = clock.instant();
    synchronized (this) {
      int before = entries.size();
      entries.values().removeIf(m -> !Timestamps.toInstant(expiresAtOf(m)).isAfter(now));
      if (entries.size() != before) {
        version++;
      }
      return before - entries.size();
    }
  }

  private boolean mergeOne(M incoming, Instant now) {
    if (!Timestamps.toInstant(expiresAtOf(incoming)).isAfter(now)) {
      return false;
    }
    String k = keyOf(incoming);
    M existing = entries.get(k);
    if (existing == null || wins(incoming, existing)) {
      entries.put(k, incoming);
      version++;
      return true;
    }
    return false;
  }

  private boolean wins(M incoming, M existing) {
    int c = Timestamps.compare(lwwTimeOf(incoming), lwwTimeOf(existing));
    if (c != 0) {
      return c > 0;
    }
    return ByteString.unsignedLexicographicalComparator()
        .compare(incoming.toByteString(), existing.toByteString()) > 0;
  }

  /**
   * Encodes entries as concatenated varint-delimited messages.
   *
   * @param list the entries
   * @return the bytes
   */
  protected static byte[] encode(Collection<? extends MessageLite> list) {
    // Sized first and written into one array: writeDelimitedTo on a stream made a coder with its
    // own buffer per entry, then the stream's array was grown and copied (JFR of the 100 000-silence
    // joiner: a third of marshalBinary).
    int total = 0;
    for (MessageLite m : list) {
      int size = m.getSerializedSize();
      total += CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }
    byte[] out = new byte[total];
    CodedOutputStream coder = CodedOutputStream.newInstance(out);
    try {
      for (MessageLite m : list) {
        coder.writeUInt32NoTag(m.getSerializedSize());
        m.writeTo(coder);
      }
      coder.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a byte array of the computed size
    }
    return out;
  }

  /**
   * Parses and validates a whole buffer.
   *
   * @param data the bytes
   * @return the entries
   * @throws IllegalArgumentException if any part is malformed
   */
  protected final List<M> decode(byte[] data) {
    List<String> skipped = new ArrayList<>();
    List<M> out = decode(data, skipped);
    if (!skipped.isEmpty()) {
      throw new IllegalArgumentException(skipped.get(0));
    }
    return out;
  }

  /**
   * Parses a buffer entry by entry: an entry that parses but is invalid is skipped and described in
   * {@code skipped}; bytes that do not parse end the buffer (what came before is kept).
   *
   * @param data the bytes
   * @param skipped receives one description per entry left out
   * @return the valid entries
   */
  protected final List<M> decode(byte[] data, List<String> skipped) {
    Objects.requireNonNull(data, "data");
    List<M> out = new ArrayList<>();
    // One coder over the whole array: parseDelimitedFrom on a stream made a coder with a 4 KB
    // buffer per entry and copied every entry through it (JFR of the 100 000-silence joiner).
    CodedInputStream in = CodedInputStream.newInstance(data);
    in.setSizeLimit(Integer.MAX_VALUE);
    int index = 0;
    try {
      while (!in.isAtEnd()) {
        int length = in.readRawVarint32();
        if (length < 0) {
          throw new InvalidProtocolBufferException("negative entry length " + length);
        }
        int limit = in.pushLimit(length);
        M m = parser.parseFrom(in);
        in.checkLastTagWas(0);
        in.popLimit(limit);
        String reason = invalidReason(m);
        if (reason != null) {
          skipped.add("invalid " + key + " entry #" + index++ + " skipped: " + reason);
          continue;
        }
        index++;
        out.add(m);
      }
    } catch (InvalidProtocolBufferException e) {
      skipped.add("malformed " + key + " data at entry #" + index + ", rest of the buffer skipped: " + e.getMessage());
    } catch (IOException e) {
      skipped.add("unreadable " + key + " data at entry #" + index + ": " + e.getMessage());
    }
    return out;
  }
}
