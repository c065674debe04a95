package org.alertcluster.impl.sync;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.alertcluster.api.Channel;
import org.alertcluster.impl.wire.WireCodec;

/**
 * The {@link Channel} of one registered State: wraps each delta as a {@code Part} envelope and hands
 * it to the {@link Broadcaster}. Does nothing once its State was removed or the peer left.
 */
public final class StateChannel implements Channel {

  private final String key;
  private final Broadcaster broadcaster;
  private final BooleanSupplier active;

  /**
   * @param key the State's key
   * @param broadcaster the peer's broadcaster
   * @param active whether this channel may still send (its State registered, the peer not left)
   */
  public StateChannel(String key, Broadcaster broadcaster, BooleanSupplier active) {
    this.key = key;
    this.broadcaster = broadcaster;
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
  public String toString() {
    return "Channel[" + key + "]";
  }
}
