package org.alertcluster.spitests.sample;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a {@link LwwMapState}: snapshots and deltas alike.
 *
 * <pre>
 * buffer  = ""                         ; the empty State
 *         | version entry+             ; version = 0x01
 * entry   = varint(idLength) id varint(valueLength) value int64be(timestamp)
 * </pre>
 *
 * <p>Ids and values are UTF-8, decoded strictly (malformed sequences are errors, not replacement
 * characters). Lengths are unsigned LEB128 varints of at most 5 bytes, bounded by
 * {@link #MAX_ID_BYTES} and {@link #MAX_VALUE_BYTES} and by what is left in the buffer, so that a
 * corrupt or hostile length is rejected before anything is allocated. The leading version byte lets a
 * later format be told apart (and an old replica reject it instead of misreading it).
 *
 * <p>{@link #decode(byte[])} parses the whole buffer before returning: a caller that applies the
 * result only after a successful decode never half-applies a bad buffer.
 */
public final class LwwCodec {

  /** The format version byte that starts every non-empty buffer: {@value}. */
  public static final byte VERSION = 0x01;
  /** Longest id, in UTF-8 bytes: {@value}. */
  public static final int MAX_ID_BYTES = 1024;
  /** Longest value, in UTF-8 bytes: {@value} (16 MiB). */
  public static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

  private LwwCodec() {}

  /**
   * Encodes entries. The order of {@code entries} is kept, so a sorted input gives canonical bytes.
   *
   * @param entries the entries; none null
   * @return the buffer; empty if {@code entries} is empty
   * @throws IllegalArgumentException if an id or value is longer than the format allows
   */
  public static byte[] encode(Iterable<LwwEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean any = false;
    for (LwwEntry e : entries) {
      if (!any) {
        out.write(VERSION);
        any = true;
      }
      writeBytes(out, e.id().getBytes(StandardCharsets.UTF_8), MAX_ID_BYTES, "id");
      writeBytes(out, e.value().getBytes(StandardCharsets.UTF_8), MAX_VALUE_BYTES, "value");
      long t = e.timestamp();
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (t >>> shift));
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes a whole buffer.
   *
   * @param data a buffer produced by {@link #encode(Iterable)}, possibly empty
   * @return the entries in buffer order; empty for an empty buffer
   * @throws IllegalArgumentException if the buffer is not exactly a well-formed encoding, saying
   *     at which offset and why
   */
  public static List<LwwEntry> decode(byte[] data) {
    List<LwwEntry> entries = new ArrayList<>();
    if (data.length == 0) {
      return entries;
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    byte version = in.get();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown format version 0x" + Integer.toHexString(version & 0xff) + " (expected 0x01)");
    }
    if (!in.hasRemaining()) {
      // The grammar is "version entry+": a lone version byte is a cut-off buffer, not an empty State.
      throw new IllegalArgumentException("version byte without entries (the empty State is 0 bytes)");
    }
    while (in.hasRemaining()) {
      String id = readString(in, MAX_ID_BYTES, "id");
      String value = readString(in, MAX_VALUE_BYTES, "value");
      if (in.remaining() < Long.BYTES) {
        throw new IllegalArgumentException("truncated timestamp at offset " + in.position()
            + ": " + in.remaining() + " of 8 bytes left");
      }
      entries.add(new LwwEntry(id, value, in.getLong()));
    }
    return entries;
  }

  private static void writeBytes(ByteArrayOutputStream out, byte[] bytes, int max, String what) {
    if (bytes.length > max) {
      throw new IllegalArgumentException(what + " of " + bytes.length + " bytes exceeds " + max);
    }
    int n = bytes.length;
    while ((n & ~0x7f) != 0) {
      out.write((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.write(n);
    out.write(bytes, 0, bytes.length);
  }

  private static String readString(ByteBuffer in, int max, String what) {
    int at = in.position();
    long length = readVarint(in, what);
    if (length > max) {
      throw new IllegalArgumentException(
          what + " length " + length + " at offset " + at + " exceeds the limit of " + max);
    }
    if (length > in.remaining()) {
      throw new IllegalArgumentException(what + " length " + length + " at offset " + at
          + " exceeds the " + in.remaining() + " bytes left");
    }
    ByteBuffer slice = in.slice().limit((int) length);
    in.position(in.position() + (int) length);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " at offset " + at + " is not valid UTF-8", e);
    }
  }

  private static long readVarint(ByteBuffer in, String what) {
    int at = in.position();
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!in.hasRemaining()) {
        throw new IllegalArgumentException("truncated " + what + " length at offset " + at);
      }
      int b = in.get() & 0xff;
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException(what + " length at offset " + at + " is longer than 5 bytes");
  }
}
