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
}
