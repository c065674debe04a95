package org.alertcluster.examples.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's (Prometheus model's) label-set fingerprint: 64-bit FNV-1a over the label names in
 * sorted order, each name and value followed by the separator byte 0xff. The notification log records
 * alerts by this hash and the API shows it as 16 hex digits.
 */
public final class Fingerprint {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final byte SEPARATOR = (byte) 0xff;

  private Fingerprint() {}

  /**
   * The fingerprint of a label set.
   *
   * @param labels the labels
   * @return the hash
   */
  public static long of(Map<String, String> labels) {
    long h = OFFSET;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      h = add(h, e.getKey().getBytes(StandardCharsets.UTF_8));
      h = addByte(h, SEPARATOR);
      h = add(h, e.getValue().getBytes(StandardCharsets.UTF_8));
      h = addByte(h, SEPARATOR);
    }
    return h;
  }

  /**
   * The fingerprint as Alertmanager prints it: 16 lower-case hex digits.
   *
   * @param fingerprint the hash
   * @return the hex form
   */
  public static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  private static long add(long h, byte[] bytes) {
    for (byte b : bytes) {
      h = addByte(h, b);
    }
    return h;
  }

  private static long addByte(long h, byte b) {
    h ^= (b & 0xff);
    return h * PRIME;
  }
}
