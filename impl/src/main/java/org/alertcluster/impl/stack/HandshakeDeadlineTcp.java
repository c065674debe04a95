package org.alertcluster.impl.stack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.blocks.cs.ConnectionListener;
import org.jgroups.blocks.cs.TcpServer;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FailureDetection;
import org.jgroups.protocols.TCP;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.TimeScheduler;
import org.jgroups.util.Util;

/**
 * JGroups' {@link TCP} (the transport of the TLS stack: JGroups has TLS for {@code TCP} only) with
 * two deadlines that JGroups does not have: on the TLS handshake of outgoing connections, and on
 * the progress of writes ({@link WriteDeadline}).
 *
 * <p><b>Handshake.</b> {@code TcpConnection.connect} bounds the TCP connect by
 * {@code sock_conn_timeout} and then calls {@code SSLSocket.startHandshake()} with no timeout at
 * all. A member that is paused (SIGSTOP, a long GC, a hung host) still completes TCP connects,
 * since its kernel accepts them into the listen backlog, but never answers the handshake; the
 * connect, on the bundler's thread that also sends every multicast and heartbeat, then waited
 * forever, and the healthy members suspected each other (found by a user trial: three TLS
 * replicas, one SIGSTOPped, the other two split 4.5 s later). This class wraps the socket factory
 * JGroups makes from {@code TCP.tls}: each client socket is closed if its handshake has not
 * completed {@link #handshakeDeadlineMs} after it was created (JGroups' timer does it), which ends
 * the waiting {@code startHandshake()} with an exception; the next message to that member dials
 * again. Why not {@code SO_TIMEOUT}: it would stay on the socket after the handshake and end idle
 * connections. Cost: a handshake slower than the deadline never completes; the deadline is three
 * connect timeouts (900 ms with the loopback preset, 1.5 s with the defaults), far above a TLS
 * handshake's few round trips.
 *
 * <p><b>Writes.</b> A write blocks while the socket's send buffer is full, and bytes sent to a
 * member that vanished pile up there: once more than the buffer is in flight to it (a large
 * full-state exchange, a burst of broadcasts), the bundler's thread waits for TCP to give up
 * (minutes), holding the connection's lock, so that even the view that removes the member cannot
 * close the connection (found by NetnsClusterTest; reproduced by TlsWriteDeadlineTest: the healthy
 * two split 4.8 s after the third was paused). Every write is registered with its connection, and a
 * connection with a write pending and none completed for {@link #writeDeadlineMs} is closed from
 * outside its locks, which fails the blocked writes at once; JGroups dials again and retransmits.
 * A view that removes a member cuts its connection at once if a write to it is pending. The
 * deadline is {@code (timeout - interval) / 2} of FD_ALL3 ({@code (failureDetectionTimeout -
 * probeInterval) / 2}: 2 s with the defaults, 1.9 s with the loopback preset), checked every tenth
 * of it: a writer held longer would hold this member's own heartbeats until the healthy members
 * suspect it, so the connection is sacrificed before this member's membership is. Cost: a link
 * that cannot take one bundle (at most 64 KB) in that time is treated as dead, and reconnects.
 * {@code TCP.non_blocking_sends} is no alternative: its per-connection sender thread blocks the
 * same way, holding the same lock, and the close that a view change does still waits for it.
 *
 * <p><b>Dials.</b> After a connect to a member failed (or its handshake was given up) or its
 * connection was cut, {@link Redial} dials it off the sending thread and sends to it fail at once
 * until a connection exists, so a vanished member costs the other members' traffic nothing at all
 * once its first connect failed. Such a dial waits {@link #pendingDialDeadlineMs} (not the handshake
 * deadline) for its handshake: a paused member answers it the moment it runs again, instead of
 * first failing, one by one, a new dead connection per handshake deadline of its pause. On stop,
 * the handshakes still waiting are given up, and what the acceptor registered after the stop is
 * closed ({@link #closeLateAccepts}).
 *
 * <p>Package-private: only {@link StackBuilder} creates it.
 */
final class HandshakeDeadlineTcp extends TCP {

  /** Used when the stack has no FD_ALL3 (never, with {@link StackBuilder}'s stack). */
  static final long DEFAULT_WRITE_DEADLINE_MS = 2_000;

  /** {@link #pendingDialDeadlineMs} in handshake deadlines. */
  static final int PENDING_DIAL_FACTOR = 20;

  /**
   * How long a stopped transport waits, off its stopping thread, for its acceptor to finish the
   * connection it was accepting: a dialler that sends its address a byte per second keeps it
   * reading about 15 s (address, version and cookie are about 15 bytes).
   */
  static final long LATE_ACCEPT_WAIT_MS = 30_000;

  private static final Field ACCEPTOR = acceptorField();

  private final LongAdder abandoned = new LongAdder();
  /** Client sockets whose TLS handshake has not completed (nor been given up) yet. */
  private final Set<SSLSocket> handshaking = ConcurrentHashMap.newKeySet();
  private final Redial redial = new Redial();
  private volatile WriteDeadline writes;
  private Future<?> sweeper;

  /** Registers under TCP's protocol id, so lookups and headers stay TCP's. */
  HandshakeDeadlineTcp() {
    setId(ClassConfigurator.getProtocolId(TCP.class));
  }

  /**
   * How long an outgoing connection may take from socket creation to a completed TLS handshake:
   * the connect ({@code sock_conn_timeout}) plus twice that for the handshake.
   *
   * @return the deadline in ms
   */
  long handshakeDeadlineMs() {
    return 3L * getSockConnTimeout();
  }

  /**
   * How long a dial made off the sending threads ({@link Redial}) may wait for its TLS handshake:
   * {@link #PENDING_DIAL_FACTOR} handshake deadlines (30 s with the defaults, 18 s with the loopback
   * preset). It blocks no sender, and a member that is paused answers the very connection it
   * accepted into its backlog the moment it runs again: given up and dialled anew every handshake
   * deadline, as before, a 12 s pause left 8 dead connections per member in its backlog, which its
   * acceptor handshook in turn on resume (each a failure, 0.16 s for 8 at load 14) before the live
   * one, and every new dial spent the member's TLS session ticket (the JDK uses one for a single
   * resumption attempt), so the live one was a full handshake.
   *
   * @return the deadline in ms
   */
  long pendingDialDeadlineMs() {
    return PENDING_DIAL_FACTOR * handshakeDeadlineMs();
  }

  /**
   * How many outgoing TLS handshakes were given up at their deadline since start.
   *
   * @return the count
   */
  long abandonedHandshakes() {
    return abandoned.sum();
  }

  /**
   * How long a connection may have a write pending with none completing before it is cut:
   * {@code (timeout - interval) / 2} of the stack's FD_ALL3, at least 100 ms.
   *
   * @return the deadline in ms (valid once started)
   */
  long writeDeadlineMs() {
    FailureDetection fd = getProtocolStack() == null ? null
        : getProtocolStack().findProtocol(FailureDetection.class);
    return fd == null ? DEFAULT_WRITE_DEADLINE_MS
        : Math.max(100, (fd.getTimeout() - fd.getInterval()) / 2);
  }

  /**
   * How many connections were cut because a write to them made no progress for
   * {@link #writeDeadlineMs} (or a view removed their member while a write to it was pending).
   *
   * @return the count since start
   */
  long stuckWritesCut() {
    WriteDeadline w = writes;
    return w == null ? 0 : w.cuts();
  }

  /**
   * Whether a connection to {@code dest} is established now (for tests).
   *
   * @param dest the member's physical address
   * @return true if connected
   */
  boolean connectedTo(PhysicalAddress dest) {
    TcpServer server = srv;
    return server != null && server.connectionEstablishedTo(dest);
  }

  /**
   * How many sends failed at once because their member was being dialled off-thread
   * ({@link Redial}).
   *
   * @return the count since start
   */
  long sendsSkipped() {
    return redial.skipped();
  }

  @Override
  public void start() throws Exception {
    long deadline = writeDeadlineMs();
    writes = new WriteDeadline(deadline, this::cut);
    super.start();
    if (log.isDebugEnabled()) {
      srv.addConnectionListener(new ConnectionListener() {
        @Override
        public void connectionClosed(Connection conn) {
          log.debug("%s: connection %s closed", local_addr, conn);
        }

        @Override
        public void connectionEstablished(Connection conn) {
          log.debug("%s: connection %s established", local_addr, conn);
        }
      });
    }
    long every = Math.max(10, deadline / 10);
    sweeper = getTimer().scheduleWithFixedDelay(() -> writes.sweep(), every, every,
        TimeUnit.MILLISECONDS, false);
  }

  @Override
  public void stop() {
    Future<?> f = sweeper;
    if (f != null) {
      f.cancel(false);
    }
    super.stop();
    closeLateAccepts(srv);
    abandonHandshakes();
  }

  /**
   * Closes the client sockets still waiting for their TLS handshake: JGroups' timer, which would
   * close them at their deadline, stops with the transport, and a dial waiting for a member that
   * never answers ({@link #pendingDialDeadlineMs}: 30 s) would otherwise hold its (non-daemon)
   * thread and a socket in that member's backlog for good.
   */
  private void abandonHandshakes() {
    for (SSLSocket s : handshaking) {
      handshaking.remove(s);
      Util.close(s);
    }
  }

  @Override
  protected void handleDisconnect() {
    super.handleDisconnect(); // stops the server
    closeLateAccepts(srv);
    abandonHandshakes();
  }

  /**
   * Closes what the stopped server's acceptor registers after the stop. {@code TcpServer.stop()}
   * waits only 300 ms for its acceptor, which handshakes and reads the dialler's address on its
   * own thread (each read up to {@code peer_addr_read_timeout}, 1 s), and then empties the
   * connection table: a connection whose address came later was registered in the emptied table,
   * with a reader thread, and stayed open while the JVM lived. The member that dialled kept it
   * and, its address sorting higher, refused every connection of a successor at the same address
   * (TlsAcceptedOnStopTest; the TCP_NIO2 flavour: {@link AcceptedSockets}). So: close what is in
   * the table now, and once the acceptor has ended (at most {@link #LATE_ACCEPT_WAIT_MS}) what
   * it registered meanwhile, on a thread of its own so that stopping does not wait.
   */
  private void closeLateAccepts(TcpServer server) {
    if (server == null || server.running()) {
      return;
    }
    Runnable closeAll = () -> server.forAllConnections((addr, conn) -> {
      log.debug("%s: closing %s, accepted as the transport stopped", local_addr, conn);
      Util.close(conn);
    });
    closeAll.run();
    Thread acceptor = acceptor(server);
    if (acceptor != null && acceptor.isAlive()) {
      Thread t = new Thread(() -> {
        try {
          acceptor.join(LATE_ACCEPT_WAIT_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (!server.running()) {
          closeAll.run();
        }
      }, "TcpServer.LateAccepts");
      t.setDaemon(true);
      t.start();
    }
  }

  private static Thread acceptor(TcpServer server) {
    if (ACCEPTOR == null) {
      return null;
    }
    try {
      return (Thread) ACCEPTOR.get(server);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  /** {@code TcpServer.acceptor} (protected), or null if this JGroups has no such field. */
  private static Field acceptorField() {
    try {
      Field f = TcpServer.class.getDeclaredField("acceptor");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null;
    }
  }

  /** Registers the write with its connection (connecting first, as {@code BaseServer.send}). */
  @Override
  public void send(Address dest, byte[] data, int offset, int length) throws Exception {
    TcpServer server = srv;
    WriteDeadline w = writes;
    if (server == null || w == null || dest == null || !server.running()
        || dest.equals(server.localAddress())) {
      super.send(dest, data, offset, length);
      return;
    }
    if (redial.skip(server, dest, getThreadFactory())) {
      throw new Skipped(dest);
    }
    Connection conn;
    try {
      conn = server.getConnection(dest);
    } catch (Exception e) {
      redial.failed(dest);
      throw e;
    }
    WriteDeadline.Progress p = w.begin(conn);
    try {
      server.send(dest, data, offset, length);
    } finally {
      w.end(p);
      if (!server.running()) {
        server.removeConnectionIfPresent(dest, conn); // as BaseServer.send (JGRP-3015)
      }
    }
  }

  /**
   * A view change closes the connections of members that left, gracefully: that writes too, and
   * blocked the view's way down (and up to the application) behind a full send buffer.
   */
  @Override
  public void retainAll(Collection<Address> members) {
    TcpServer server = srv;
    WriteDeadline w = writes;
    if (server == null || w == null) {
      super.retainAll(members);
      return;
    }
    redial.retainAll(members);
    List<WriteDeadline.Progress> closing = new ArrayList<>();
    server.forAllConnections((addr, conn) -> {
      if (!members.contains(addr) && !is_member.test((PhysicalAddress) addr)) {
        w.cutIfPending(conn);
        closing.add(w.begin(conn));
      }
    });
    try {
      super.retainAll(members);
    } finally {
      closing.forEach(w::end);
    }
  }

  private void cut(WriteDeadline.Progress p) {
    Connection conn = p.connection;
    redial.failed(conn.peerAddress());
    log.warn("%s: no write to %s completed for %d ms (its member stopped reading, or the link is "
        + "gone): closing the connection; JGroups dials again and retransmits (%d cut so far)",
        local_addr, conn.peerAddress(), writes.deadlineMs(), writes.cuts());
    // Its own thread: close(false) closes the socket first (which fails the blocked write), then
    // the streams, which waits for the buffered stream's monitor until the writer has let go; the
    // timer's thread must not wait for anything.
    getThreadFactory().newThread(() -> {
      try {
        conn.close(false);
      } catch (IOException | RuntimeException e) {
        log.debug("%s: closing the stuck connection to %s: %s", local_addr, conn.peerAddress(), e);
      }
    }, "WriteDeadline").start();
  }

  /** {@code TCP.start()} sets the factory it made from {@code tls}: wrap it once. */
  @Override
  public void setSocketFactory(SocketFactory factory) {
    super.setSocketFactory(factory instanceof WatchingSocketFactory ? factory
        : new WatchingSocketFactory(factory, this::watch));
  }

  private void watch(SSLSocket socket) {
    TimeScheduler timer = getTimer();
    if (timer == null) {
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    long created = System.nanoTime();
    handshaking.add(socket);
    socket.addHandshakeCompletedListener(e -> {
      done.set(true);
      handshaking.remove(socket);
      if (log.isDebugEnabled()) {
        log.debug("%s: TLS handshake with %s done in %d ms since the socket was created (%s, %s)",
            local_addr, socket.getRemoteSocketAddress(), (System.nanoTime() - created) / 1_000_000,
            e.getSession().getProtocol(), e.getSession().getCreationTime()
                < System.currentTimeMillis() - (System.nanoTime() - created) / 1_000_000
                ? "session resumed" : "full handshake");
      }
    });
    long deadline = Redial.onDiallingThread() ? pendingDialDeadlineMs() : handshakeDeadlineMs();
    timer.schedule(() -> {
      handshaking.remove(socket);
      if (!done.get() && socket.isConnected() && !socket.isClosed()) {
        abandoned.increment();
        log.debug("%s: TLS handshake with %s not done after %d ms: closing it, the next message "
            + "dials again", local_addr, socket.getRemoteSocketAddress(), deadline);
        Util.close(socket);
      }
    }, deadline, TimeUnit.MILLISECONDS, false);
  }

  /**
   * A send to a member being dialled off-thread ({@link Redial}): a {@link SocketException}, which
   * JGroups' transport logs at TRACE only; no stack trace, it is an expected outcome.
   */
  private static final class Skipped extends SocketException {
    private static final long serialVersionUID = 1L;

    Skipped(Address dest) {
      super("no connection to " + dest + " yet: dialling it off the sending thread");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
