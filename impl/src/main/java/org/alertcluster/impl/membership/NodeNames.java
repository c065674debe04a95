package org.alertcluster.impl.membership;

import java.security.SecureRandom;

/**
 * Generates node names the way Alertmanager does (a ULID): 26 characters of Crockford base32, the
 * first 10 encoding the start time in milliseconds (48 bits), the other 16 encoding 80 random bits
 * from {@link SecureRandom}. Because the time comes first and the alphabet is in ASCII order, names
 * sort by start time, so the oldest replica has position 0 and a restarted one moves to the end.
 *
 * <p>Package-private: built and owned by {@link Membership}, the package's one public type.
 */
final class NodeNames {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeNames() {}

  /** @return a new name for now */
  static String generate() {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    return encode(System.currentTimeMillis(), random);
  }

  /**
   * Encodes a ULID.
   *
   * @param millis milliseconds since the epoch; only the low 48 bits are used
   * @param random 10 random bytes
   * @return the 26-character name
   */
  static String encode(long millis, byte[] random) {
    if (random.length != 10) {
      throw new IllegalArgumentException("need 80 random bits");
    }
    char[] out = new char[26];
    long time = millis & 0xFFFF_FFFF_FFFFL;
    // 48 bits of time in 10 characters: the first character carries only 3 bits.
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits in exactly 16 characters, read as two 40-bit halves.
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (random[i] & 0xFF);
      lo = (lo << 8) | (random[i + 5] & 0xFF);
    }
    for (int i = 7; i >= 0; i--) {
      out[10 + i] = CROCKFORD[(int) (hi & 31)];
      out[18 + i] = CROCKFORD[(int) (lo & 31)];
      hi >>>= 5;
      lo >>>= 5;
    }
    return new String(out);
  }
}
