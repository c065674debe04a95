package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.impl.wire.WireCodec;

/**
 * The {@link Channel} of one registered State: wraps each delta as a {@code Part} envelope and hands
 * it to the {@link Broadcaster}. Does nothing once its State was removed or the peer left. Created
 * by {@link AckedBroadcasts#channel}, the one object that holds both ways of sending.
 */
final class StateChannel implements Channel {

  private final String key;
  private final Broadcaster broadcaster;
  private final AckedBroadcasts acked;
  private final BooleanSupplier active;

  /**
   * @param key the State's key
   * @param broadcaster the peer's broadcaster
   * @param acked the peer's acknowledged broadcasts
   * @param active whether this channel may still send (its State registered, the peer not left)
   */
  StateChannel(String key, Broadcaster broadcaster, AckedBroadcasts acked,
      BooleanSupplier active) {
    this.key = key;
    this.broadcaster = broadcaster;
    this.acked = acked;
    this.active = active;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public void broadcast(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (active.getAsBoolean()) {
      broadcaster.submit(WireCodec.update(key, data));
    }
  }

  @Override
  public CompletionStage<BroadcastAck> broadcastAcknowledged(byte[] data, Duration timeout) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (!active.getAsBoolean()) {
      return acked.notSent();
    }
    return acked.broadcast(key, data, timeout);
  }

  @Override
  public String toString() {
    return "Channel[" + key + "]";
  }
}
