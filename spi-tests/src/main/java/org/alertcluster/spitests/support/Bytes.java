package org.alertcluster.spitests.support;

import java.util.HexFormat;

/** Short, readable descriptions of byte arrays for failure messages. */
public final class Bytes {

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final int HEAD = 32;
  private static final int TAIL = 8;

  private Bytes() {}

  /**
   * Size plus hex of the bytes, abbreviated in the middle when long: {@code 5 bytes [01 02 03 04 05]}
   * or {@code 4096 bytes [01 … 32 bytes … | … last 8 bytes]}.
   *
   * @param data the bytes, may be {@code null}
   * @return the summary
   */
  public static String summary(byte[] data) {
    if (data == null) {
      return "null";
    }
    if (data.length <= HEAD + TAIL) {
      return data.length + " bytes [" + HEX.formatHex(data) + "]";
    }
    return data.length + " bytes [" + HEX.formatHex(data, 0, HEAD) + " … "
        + HEX.formatHex(data, data.length - TAIL, data.length) + "]";
  }

  /**
   * Where two byte arrays first differ, with a few bytes of each around that offset: the part of two
   * long snapshots worth looking at.
   *
   * @param a some bytes
   * @param b other bytes
   * @return for example {@code "first differ at offset 42: [.. 76 35 ..] vs [.. 76 37 ..]"}, or
   *     {@code "are equal"}
   */
  public static String firstDifference(byte[] a, byte[] b) {
    int common = Math.min(a.length, b.length);
    int at = 0;
    while (at < common && a[at] == b[at]) {
      at++;
    }
    if (at == a.length && at == b.length) {
      return "are equal (" + a.length + " bytes)";
    }
    int from = Math.max(0, at - 4);
    return "first differ at offset " + at + " of " + a.length + "/" + b.length + " bytes: ["
        + window(a, from) + "] vs [" + window(b, from) + "]";
  }

  private static String window(byte[] data, int from) {
    int to = Math.min(data.length, from + 16);
    return from >= to ? "end" : HEX.formatHex(data, from, to);
  }
}
