package org.alertcluster.impl.stack;

import java.lang.reflect.Field;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jgroups.blocks.cs.NioBaseServer;
import org.jgroups.blocks.cs.NioServer;
import org.jgroups.util.Util;

/**
 * Closes, when a TCP_NIO2 transport stops, every socket its acceptor accepted: JGroups 5.5.7 leaves
 * some open.
 *
 * <p>{@code NioServer.stop()} closes the connections in its table and then lets the acceptor thread
 * finish the batch of ready keys it is working on. A connection accepted in that batch is
 * registered for reading and never read, so it never enters the table, and closing the selector
 * does not close it: the socket stays open as long as the JVM lives. Members dial a peer that is
 * leaving (a merge probe, a heartbeat), so this happens; in a Karaf container or any host that
 * re-creates its peer the JVM lives on. The member that dialled holds a connection that looks
 * healthy (writes succeed, nothing comes back) and that no view change closes, since its view no
 * longer lists the leaver. When the peer comes back at the same address, that member, if its address
 * sorts after the newcomer's, keeps its own connection (JGroups: the bigger address wins) and
 * refuses every one the newcomer opens: the two never hear each other and never merge
 * ({@code RejoinSameAddressTest}; KarafOperationsTest waited 45 s in vain).
 *
 * <p>Before the server stops: close the listening socket (no accept from then on; the kernel resets
 * connections not yet accepted), let the acceptor come round its loop twice (an accept that
 * returned just before is registered by then), and take every channel registered with its
 * selector. After the server stopped: close them (those it closed already are skipped).
 *
 * <p>The selector is a protected field of {@code NioBaseServer}, read reflectively: JGroups is
 * embedded at a fixed version. Should the field be missing, nothing is taken and the transport
 * stops as JGroups stops it.
 */
final class AcceptedSockets {

  /** The longest {@link #stopAccepting} waits for the acceptor to come round. */
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Field SELECTOR = selectorField();

  private AcceptedSockets() {}

  /**
   * Closes the server's listening socket and returns every channel registered with its selector.
   * Call before the server stops; close the channels after it stopped.
   *
   * @param server the transport's server, or null if it never started
   * @return the channels, possibly empty
   */
  static List<SelectableChannel> stopAccepting(NioServer server) {
    if (server == null) {
      return List.of();
    }
    Util.close(server.getChannel());
    Selector selector = selector(server);
    if (selector == null || !selector.isOpen()) {
      return List.of();
    }
    int seen = server.numSelects();
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (server.acceptorRunning() && server.numSelects() < seen + 2
        && System.nanoTime() < deadline) {
      selector.wakeup();
      LockSupport.parkNanos(100_000);
    }
    List<SelectableChannel> channels = new ArrayList<>();
    try {
      for (SelectionKey key : selector.keys()) { // a concurrent set since JDK 11
        channels.add(key.channel());
      }
    } catch (RuntimeException closedMeanwhile) {
      // ClosedSelectorException: the acceptor ended and closed it; what was taken is closed
    }
    return channels;
  }

  /**
   * Closes the channels {@link #stopAccepting} returned.
   *
   * @param channels the channels
   */
  static void close(List<SelectableChannel> channels) {
    channels.forEach(Util::close);
  }

  private static Selector selector(NioServer server) {
    try {
      return SELECTOR == null ? null : (Selector) SELECTOR.get(server);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Field selectorField() {
    try {
      Field f = NioBaseServer.class.getDeclaredField("selector");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
