package org.alertcluster.impl.stack;

import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCP_NIO2;

/**
 * JGroups' {@link TCP_NIO2} with a deadline on connects. TCP_NIO2 connects without blocking (the
 * reason the built-in stack uses it: the blocking {@code TCP} dials each member in turn on the one
 * thread that sends multicasts), but it has no connect timeout at all: it accepts
 * {@code sock_conn_timeout} and ignores it. A connect whose SYN was lost (a link cut, a partition)
 * stays pending, and every message to that address queues behind it, until the kernel's SYN
 * retransmission gets through: 1 s, 3 s, 7 s, 15 s… after the connect began (Linux' initial RTO of
 * 1 s, doubled per retry). After a partition healed, the merge therefore waited for the next of
 * those retransmissions (0.2–1.3 s, 3.8 s once, in NetnsClusterTest).
 *
 * <p>This class closes a connection that is still pending {@code sock_conn_timeout} after it was
 * started; the next message to that address opens a new one, whose first SYN goes out at once. A
 * sweep every quarter of the timeout (at least 10 ms) on JGroups' timer does it, so a connect is
 * given up between 1 and 1.25 timeouts after it began. Cost: a connect on a path slower than the
 * timeout never completes (choose the timeout above the round-trip time: {@link StackBuilder}
 * derives it from {@code probeTimeout}); the messages queued on a closed attempt are lost, and
 * JGroups retransmits them (NAKACK2, UNICAST3) or re-sends them (discovery).
 *
 * <p>It also stops without leaving a socket it accepted open ({@link AcceptedSockets}): such a socket
 * kept a member from hearing this peer's successor at the same address.
 *
 * <p>Package-private: only {@link StackBuilder} creates it (an expert stack file names JGroups'
 * own {@code TCP_NIO2} and {@code sock_conn_timeout} is then ignored, as JGroups documents).
 */
final class ConnectDeadlineTcpNio2 extends TCP_NIO2 {

  /** Outgoing connections not yet connected, with the time ({@code System.nanoTime}) they began. */
  private final Map<Connection, Long> pending = new ConcurrentHashMap<>();
  private final LongAdder abandoned = new LongAdder();
  private Future<?> sweeper;

  /** Registers under TCP_NIO2's protocol id, so lookups and headers stay TCP_NIO2's. */
  ConnectDeadlineTcpNio2() {
    setId(ClassConfigurator.getProtocolId(TCP_NIO2.class));
  }

  /**
   * How many connects were given up at their deadline since start.
   *
   * @return the count
   */
  long abandonedConnects() {
    return abandoned.sum();
  }

  @Override
  public void start() throws Exception {
    super.start();
    long period = Math.max(10, getSockConnTimeout() / 4);
    sweeper = getTimer().scheduleWithFixedDelay(this::closeOverdueConnects, period, period,
        TimeUnit.MILLISECONDS, false); // closing a pending channel does not block
  }

  @Override
  public void stop() {
    if (sweeper != null) {
      sweeper.cancel(false);
      sweeper = null;
    }
    pending.clear();
    List<SelectableChannel> accepted = AcceptedSockets.stopAccepting(server);
    super.stop();
    AcceptedSockets.close(accepted);
  }

  /** Where the server stops when the channel disconnects: without leaving a socket open. */
  @Override
  protected void handleDisconnect() {
    List<SelectableChannel> accepted = AcceptedSockets.stopAccepting(server);
    super.handleDisconnect();
    AcceptedSockets.close(accepted);
  }

  /**
   * Called by the server right after {@code connect()} returned (for TCP_NIO2: after the SYN was
   * sent) and for accepted connections (already connected).
   */
  @Override
  public void connectionEstablished(Connection conn) {
    super.connectionEstablished(conn);
    if (conn.isConnectionPending()) {
      pending.put(conn, System.nanoTime());
    }
  }

  private void closeOverdueConnects() {
    long now = System.nanoTime();
    long deadline = TimeUnit.MILLISECONDS.toNanos(getSockConnTimeout());
    pending.forEach((conn, began) -> {
      if (conn.isClosed() || conn.isConnected()) {
        pending.remove(conn);
      } else if (now - began >= deadline) {
        pending.remove(conn);
        if (conn.isConnectionPending()) { // connected in the meantime: keep it
          abandoned.increment();
          log.debug("%s: connect to %s not done after %d ms: closing it, the next message dials "
              + "again", local_addr, conn.peerAddress(), getSockConnTimeout());
          server.closeConnection(conn);
        }
      }
    });
  }
}
