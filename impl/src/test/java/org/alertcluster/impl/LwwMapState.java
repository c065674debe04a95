package org.alertcluster.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.alertcluster.api.State;

/**
 * A small but real State for the tests: a thread-safe last-write-wins map, key → (value, timestamp).
 * A merge keeps the newer entry, ties broken by the greater value, so merges are idempotent,
 * commutative and associative. The wire form is a count followed by (key, value, timestamp)
 * entries; a buffer that does not parse completely is rejected before anything is applied.
 */
public class LwwMapState implements State {

  /** One entry's value and write time. */
  public record Entry(String value, long timestamp) {
    boolean newerThan(Entry other) {
      return other == null || timestamp > other.timestamp
          || (timestamp == other.timestamp && value.compareTo(other.value) > 0);
    }
  }

  private final String key;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public LwwMapState(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /**
   * Writes locally and returns the delta to broadcast.
   */
  public byte[] put(String k, String value) {
    Entry e = new Entry(value, System.nanoTime());
    apply(k, e);
    return encode(Map.of(k, e));
  }

  public String get(String k) {
    Entry e = entries.get(k);
    return e == null ? null : e.value();
  }

  public int size() {
    return entries.size();
  }

  public Map<String, Entry> snapshot() {
    return Map.copyOf(entries);
  }

  @Override
  public byte[] marshalBinary() {
    return encode(new HashMap<>(entries));
  }

  @Override
  public void merge(byte[] data) {
    Map<String, Entry> parsed = decode(data); // throws before anything is applied
    parsed.forEach(this::apply);
  }

  private void apply(String k, Entry e) {
    entries.merge(k, e, (old, neu) -> neu.newerThan(old) ? neu : old);
  }

  static byte[] encode(Map<String, Entry> map) {
    if (map.isEmpty()) {
      return new byte[0]; // State#marshalBinary: an empty State marshals to an empty array
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(map.size());
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue().value());
        out.writeLong(e.getValue().timestamp());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("bad string length " + n);
    }
    return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }

  static Map<String, Entry> decode(byte[] data) {
    if (data.length == 0) {
      return Map.of();
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int n = in.readInt();
      if (n < 0 || n > data.length) {
        throw new IllegalArgumentException("bad entry count " + n);
      }
      Map<String, Entry> out = new HashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(readString(in), new Entry(readString(in), in.readLong()));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("not an LWW map: " + e.getMessage(), e);
    }
  }
}
