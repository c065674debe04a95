package org.alertcluster.spitests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates bytes that a State must not take for data: what a corrupted network buffer, a foreign
 * sender or a buggy older version would deliver. Deterministic for a given Random.
 */
final class MalformedInputs {

  /** A malformed buffer and how it was made, for failure messages. */
  record Malformed(String label, byte[] data) {}

  /** A 5-byte varint of 2^32-1: a length no buffer can satisfy. */
  private static final byte[] HUGE_VARINT = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
      0x0f};
  /** A 10-byte varint of 2^64-1: overflows any 64-bit length. */
  private static final byte[] OVERFLOW_VARINT = {(byte) 0xff, (byte) 0xff, (byte) 0xff,
      (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};

  private MalformedInputs() {}

  /**
   * Buffers that are malformed by construction whatever the format: {@code valid} (a non-empty
   * snapshot) cut short at several places, and absurd varint lengths with too few bytes behind them.
   */
  static List<Malformed> structural(Random random, byte[] valid) {
    List<Malformed> out = new ArrayList<>();
    if (valid.length > 1) {
      out.add(new Malformed("snapshot without its last byte", Arrays.copyOf(valid, valid.length - 1)));
      for (int i = 0; i < 3; i++) {
        int cut = 1 + random.nextInt(valid.length - 1);
        out.add(new Malformed("snapshot cut to " + cut + " of " + valid.length + " bytes",
            Arrays.copyOf(valid, cut)));
      }
    }
    out.add(new Malformed("varint length 2^32-1 followed by 3 bytes",
        concat(HUGE_VARINT, randomBytes(random, 3))));
    out.add(new Malformed("version-like byte 0x01 then varint length 2^31-1 and 3 bytes",
        concat(new byte[] {0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
            new byte[] {'a', 'b', 'c'})));
    out.add(new Malformed("10-byte varint 2^64-1 followed by 2 bytes",
        concat(OVERFLOW_VARINT, randomBytes(random, 2))));
    return out;
  }

  /**
   * Buffers that start like data and end in garbage: the test for half-applying. {@code valid} is a
   * snapshot of another replica; a State that applies its entries before it reaches the bad tail and
   * then throws has changed although it rejected the buffer.
   */
  static List<Malformed> validThenGarbage(Random random, byte[] valid) {
    List<Malformed> out = new ArrayList<>(structural(random, valid));
    out.add(new Malformed("snapshot followed by varint length 2^32-1",
        concat(valid, HUGE_VARINT, randomBytes(random, 2))));
    out.add(new Malformed("snapshot followed by 10-byte varint 2^64-1",
        concat(valid, OVERFLOW_VARINT)));
    out.add(new Malformed("snapshot followed by 7 random bytes", concat(valid, randomBytes(random, 7))));
    out.add(new Malformed("snapshot followed by itself cut in half",
        concat(valid, Arrays.copyOf(valid, Math.max(1, valid.length / 2)))));
    if (valid.length > 2) {
      byte[] flipped = valid.clone();
      int at = 1 + random.nextInt(valid.length - 1);
      flipped[at] ^= (byte) (1 + random.nextInt(255));
      out.add(new Malformed("snapshot with byte " + at + " flipped", flipped));
    }
    out.addAll(randomBuffers(random, 4));
    return out;
  }

  /** Random buffers of 1 to 64 bytes. */
  static List<Malformed> randomBuffers(Random random, int count) {
    List<Malformed> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Malformed("random bytes", randomBytes(random, 1 + random.nextInt(64))));
    }
    return out;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
