package org.alertcluster.spitests.broken;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.alertcluster.api.State;

/**
 * Broken on purpose: a counter that adds every merged value. Round-trips, commutes, associates,
 * rejects bad lengths and is thread-safe, but merging the same data twice counts it twice: not
 * idempotent (merge01, and merge04 for its own snapshot).
 */
public final class CountingState implements State {

  private final AtomicLong total = new AtomicLong();

  @Override
  public String key() {
    return "counter";
  }

  public void add(long amount) {
    total.addAndGet(amount);
  }

  @Override
  public byte[] marshalBinary() {
    long value = total.get();
    return value == 0 ? new byte[0] : ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  @Override
  public void merge(byte[] data) {
    if (data.length == 0) {
      return;
    }
    if (data.length != Long.BYTES) {
      throw new IllegalArgumentException("expected 8 bytes, got " + data.length);
    }
    total.addAndGet(ByteBuffer.wrap(data).getLong());
  }
}
