package org.alertcluster.impl;

import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

/**
 * Faults a test injects into a running peer's channel, the way JGroups' own tests do: a
 * {@link DISCARD} right above the transport drops everything the peer would send or receive.
 * <b>For tests only</b>: impl's tests reach it through {@link JGroupsPeer#halt()} and {@code
 * JGroupsPeer.isolateForTesting}, other modules' through {@link TestSeam#isolate}. Kept out of
 * {@link JGroupsPeer}, which runs the peer, because none of it is part of running one.
 */
final class PeerFaults {

  private PeerFaults() {}

  /**
   * The network half of a crash: stops the failure-detection socket (as a dead process's socket
   * closes) and makes the transport discard everything. The caller then closes the channel without
   * a goodbye, so the other members see the peer vanish and classify it as failed, exactly as after
   * {@code kill -9}.
   *
   * @param channel the peer's channel
   */
  static void crash(JChannel channel) {
    try {
      ProtocolStack stack = channel.getProtocolStack();
      FD_SOCK2 fd = stack.findProtocol(FD_SOCK2.class);
      stack.insertProtocol(new DISCARD().discardAll(true), ProtocolStack.Position.ABOVE, TP.class);
      if (fd != null) {
        fd.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not halt", e);
    }
  }

  /**
   * Cuts the peer off the network or reconnects it. Unlike {@link #crash} the peer keeps running:
   * after the failure-detection timeout each side sees the other as failed (a partition), and after
   * reconnecting MERGE3 merges the views. Idempotent either way.
   *
   * @param channel the peer's channel
   * @param isolated true to cut off, false to reconnect
   */
  static void isolate(JChannel channel, boolean isolated) {
    ProtocolStack stack = channel.getProtocolStack();
    boolean present = stack.findProtocol(DISCARD.class) != null;
    try {
      if (isolated && !present) {
        stack.insertProtocol(new DISCARD().discardAll(true), ProtocolStack.Position.ABOVE, TP.class);
      } else if (!isolated && present) {
        stack.removeProtocol(DISCARD.class);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not change isolation", e);
    }
  }
}
