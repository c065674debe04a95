package org.alertcluster.spitests.broken;

import java.util.Arrays;
import org.alertcluster.spitests.sample.LwwCodec;

/**
 * Broken on purpose: applies the longest well-formed prefix of a buffer, then throws for the rest, as
 * a streaming parser that applies each entry as it reads it would. It does report bad bytes, but the
 * State has already changed when it does: rejection is not atomic (input01).
 */
public final class HalfApplyingState extends MapStateBase {

  @Override
  public void merge(byte[] data) {
    for (int cut = data.length; cut > 0; cut--) {
      try {
        LwwCodec.decode(Arrays.copyOf(data, cut)).forEach(this::apply);
      } catch (IllegalArgumentException notThisPrefix) {
        continue;
      }
      if (cut < data.length) {
        throw new IllegalArgumentException("malformed bytes after offset " + cut);
      }
      return;
    }
    if (data.length > 0) {
      throw new IllegalArgumentException("malformed buffer");
    }
  }
}
