package org.alertcluster.impl.stack;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCP_NIO2;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Util;

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
 * sweep on JGroups' timer does it, every quarter of the timeout or half the probe interval below,
 * whichever is shorter (at least 10 ms), so a connect is given up between 1 and 1.25 timeouts after
 * it began. Cost: a connect on a path slower than the
 * timeout never completes (choose the timeout above the round-trip time: {@link StackBuilder}
 * derives it from {@code probeTimeout}); the messages queued on a closed attempt are lost, and
 * JGroups retransmits them (NAKACK2, UNICAST3) or re-sends them (discovery).
 *
 * <p>That alone left a heal waiting for the deadline: NetnsClusterTest heals a partition about
 * 0.2 s after the split views were installed, when every connect across the cut has just been
 * begun (MERGE3 and discovery dial the other side as soon as it left the view) and its SYN was
 * lost, so the merge waited 0.1–0.4 s for the deadlines to pass. So while a connect is pending
 * longer than {@link #PROBE_EVERY_MS}, a probe dials the same address with a plain socket, a
 * fresh SYN every {@value #PROBE_EVERY_MS} ms (each probe closed before the next). A probe that
 * connects proves the path is there now and the pending connect's SYN was lost (it began earlier
 * and is still unanswered): that connect is closed at once, and the next message dials again, as
 * at the deadline. The probe sends nothing and closes; the peer's transport accepts it, reads end
 * of stream before any header and closes it without a word. A path slower than the probe interval
 * is not harmed: its probes never connect, and the pending connect has its whole deadline.
 *
 * <p>It also stops without leaving a socket it accepted open ({@link AcceptedSockets}): such a socket
 * kept a member from hearing this peer's successor at the same address.
 *
 * <p>Package-private: only {@link StackBuilder} creates it (an expert stack file names JGroups'
 * own {@code TCP_NIO2} and {@code sock_conn_timeout} is then ignored, as JGroups documents).
 */
final class ConnectDeadlineTcpNio2 extends TCP_NIO2 {

  /**
   * How long a connect is pending before probes dial its address, and how long each probe may
   * take: far above a LAN's round trip (well under 1 ms), far below the kernel's first SYN
   * retransmission (1 s). 50 ms: after a heal, a pending connect whose SYN was lost is replaced
   * within about 50–75 ms; during a partition, one SYN every 50 ms per unreachable address.
   */
  static final long PROBE_EVERY_MS = 50;

  /** Outgoing connections not yet connected, with when they began and their probe. */
  private final Map<Connection, Pending> pending = new ConcurrentHashMap<>();
  private final LongAdder abandoned = new LongAdder();
  private final LongAdder probedAway = new LongAdder();
  private Future<?> sweeper;

  /** A pending connect; its probe fields are touched by the sweeping thread only. */
  private static final class Pending {
    final long began = System.nanoTime();
    SocketChannel probe;
    long probeBegan;

    void closeProbe() {
      Util.close(probe);
      probe = null;
    }
  }

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

  /**
   * How many pending connects were closed early because a probe to the same address connected.
   *
   * @return the count
   */
  long probedAwayConnects() {
    return probedAway.sum();
  }

  /**
   * For tests: how long the oldest connect still pending has been.
   *
   * @return milliseconds, 0 if none is pending
   */
  long oldestPendingMs() {
    long now = System.nanoTime();
    return pending.values().stream().mapToLong(p -> TimeUnit.NANOSECONDS.toMillis(now - p.began))
        .max().orElse(0);
  }

  @Override
  public void start() throws Exception {
    super.start();
    long period = Math.max(10, Math.min(getSockConnTimeout() / 4, PROBE_EVERY_MS / 2));
    sweeper = getTimer().scheduleWithFixedDelay(this::closeOverdueConnects, period, period,
        TimeUnit.MILLISECONDS, false); // closing a pending channel does not block
  }

  @Override
  public void stop() {
    if (sweeper != null) {
      sweeper.cancel(false);
      sweeper = null;
    }
    pending.values().forEach(Pending::closeProbe);
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
      pending.put(conn, new Pending());
    }
  }

  private void closeOverdueConnects() {
    long now = System.nanoTime();
    long deadline = TimeUnit.MILLISECONDS.toNanos(getSockConnTimeout());
    long probeEvery = TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MS);
    pending.forEach((conn, p) -> {
      if (conn.isClosed() || conn.isConnected()) {
        pending.remove(conn);
        p.closeProbe();
      } else if (now - p.began >= deadline) {
        pending.remove(conn);
        p.closeProbe();
        if (conn.isConnectionPending()) { // connected in the meantime: keep it
          abandoned.increment();
          log.debug("%s: connect to %s not done after %d ms: closing it, the next message dials "
              + "again", local_addr, conn.peerAddress(), getSockConnTimeout());
          server.closeConnection(conn);
        }
      } else if (now - p.began >= probeEvery) {
        probe(conn, p, now, probeEvery);
      }
    });
  }

  /** Starts, checks or renews the probe of a connect pending longer than the probe interval. */
  private void probe(Connection conn, Pending p, long now, long probeEvery) {
    try {
      if (p.probe != null && p.probe.finishConnect()) {
        pending.remove(conn);
        p.closeProbe();
        if (conn.isConnectionPending()) {
          probedAway.increment();
          log.debug("%s: a fresh connect to %s got through, the one begun %d ms ago did not: "
              + "closing it, the next message dials again", local_addr, conn.peerAddress(),
              TimeUnit.NANOSECONDS.toMillis(now - p.began));
          server.closeConnection(conn);
        }
        return;
      }
    } catch (IOException refusedOrReset) {
      p.closeProbe(); // nobody listens there (yet): the pending connect finds out on its own
    }
    if (p.probe == null || now - p.probeBegan >= probeEvery) {
      p.closeProbe();
      if (!(conn.peerAddress() instanceof IpAddress target)) {
        return;
      }
      SocketChannel ch = null;
      try {
        ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.connect(target.getSocketAddress()); // a loopback connect may complete at once
        p.probe = ch;
        p.probeBegan = now;
      } catch (IOException | RuntimeException e) {
        Util.close(ch);
      }
    }
  }
}
