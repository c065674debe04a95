package com.example.kv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.alertcluster.api.State;

/**
 * A replicated last-write-wins key-value map. Each entry carries a version; the higher version wins,
 * ties are broken by the tombstone flag (deletes win) then by the value's bytes, so the winner does
 * not depend on arrival order.
 *
 * <p>Wire format (a snapshot and a delta alike): a sequence of entries, each
 * {@code varint keyLen, key (UTF-8), varint version, byte flag (0 value, 1 tombstone), varint valueLen,
 * value (UTF-8)}. An empty map is an empty array.
 */
public final class KvState implements State {

  public static final String KEY = "kv";

  /** One entry; {@code value} is null for a tombstone. */
  public record Entry(String key, long version, String value) {
    boolean beats(Entry other) {
      if (version != other.version) {
        return version > other.version;
      }
      if ((value == null) != (other.value == null)) {
        return value == null;
      }
      return value != null && value.compareTo(other.value) > 0;
    }
  }

  private final TreeMap<String, Entry> entries = new TreeMap<>();

  @Override
  public String key() {
    return KEY;
  }

  /** Sets {@code key} to {@code value} locally; returns the delta to broadcast. */
  public synchronized byte[] put(String key, String value) {
    Entry old = entries.get(key);
    Entry e = new Entry(key, old == null ? 1 : old.version() + 1, value);
    entries.put(key, e);
    return encode(List.of(e));
  }

  /** Sets an entry with an explicit version (used by tests and by replays); returns the delta. */
  public synchronized byte[] putVersioned(String key, long version, String value) {
    Entry e = new Entry(key, version, value);
    Entry old = entries.get(key);
    if (old == null || e.beats(old)) {
      entries.put(key, e);
    }
    return encode(List.of(e));
  }

  /** Deletes {@code key} locally (a tombstone); returns the delta to broadcast. */
  public synchronized byte[] remove(String key) {
    Entry old = entries.get(key);
    Entry e = new Entry(key, old == null ? 1 : old.version() + 1, null);
    entries.put(key, e);
    return encode(List.of(e));
  }

  public synchronized Optional<String> get(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.ofNullable(e.value());
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }

  @Override
  public synchronized byte[] marshalBinary() {
    return encode(entries.values());
  }

  @Override
  public void merge(byte[] data) {
    List<Entry> decoded = decode(data); // throws before anything is applied
    synchronized (this) {
      for (Entry e : decoded) {
        Entry old = entries.get(e.key());
        if (old == null || e.beats(old)) {
          entries.put(e.key(), e);
        }
      }
    }
  }

  static byte[] encode(Iterable<Entry> list) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : list) {
      byte[] k = e.key().getBytes(StandardCharsets.UTF_8);
      writeVarint(out, k.length);
      out.writeBytes(k);
      writeVarint(out, e.version());
      out.write(e.value() == null ? 1 : 0);
      byte[] v = e.value() == null ? new byte[0] : e.value().getBytes(StandardCharsets.UTF_8);
      writeVarint(out, v.length);
      out.writeBytes(v);
    }
    return out.toByteArray();
  }

  static List<Entry> decode(byte[] data) {
    ByteBuffer in = ByteBuffer.wrap(data);
    List<Entry> out = new ArrayList<>();
    while (in.hasRemaining()) {
      String key = readString(in, "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty key at offset " + in.position());
      }
      long version = readVarint(in);
      if (version < 1) {
        throw new IllegalArgumentException("version " + version + " < 1");
      }
      if (!in.hasRemaining()) {
        throw new IllegalArgumentException("truncated: missing flag");
      }
      byte flag = in.get();
      if (flag != 0 && flag != 1) {
        throw new IllegalArgumentException("bad flag " + flag);
      }
      String value = readString(in, "value");
      if (flag == 1 && !value.isEmpty()) {
        throw new IllegalArgumentException("tombstone with a value");
      }
      out.add(new Entry(key, version, flag == 1 ? null : value));
    }
    return out;
  }

  private static String readString(ByteBuffer in, String what) {
    long len = readVarint(in);
    if (len < 0 || len > in.remaining()) {
      throw new IllegalArgumentException(what + " length " + len + " > " + in.remaining() + " bytes left");
    }
    ByteBuffer slice = in.slice(in.position(), (int) len);
    in.position(in.position() + (int) len);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " is not UTF-8", e);
    }
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        throw new IllegalArgumentException("truncated varint");
      }
      byte b = in.get();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }
}
