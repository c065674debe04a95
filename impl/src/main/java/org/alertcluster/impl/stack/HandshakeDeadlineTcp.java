package org.alertcluster.impl.stack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCP;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.TimeScheduler;
import org.jgroups.util.Util;

/**
 * JGroups' {@link TCP} (the transport of the TLS stack: JGroups has TLS for {@code TCP} only) with
 * a deadline on the TLS handshake of outgoing connections. {@code TcpConnection.connect} bounds the
 * TCP connect by {@code sock_conn_timeout} and then calls {@code SSLSocket.startHandshake()} with no
 * timeout at all. A member that is paused (SIGSTOP, a long GC, a hung host) still completes TCP
 * connects, since its kernel accepts them into the listen backlog, but never answers the
 * handshake; the connect, on the bundler's thread that also sends every multicast and heartbeat,
 * then waited forever, and the healthy members suspected each other (found by a user trial: three
 * TLS replicas, one SIGSTOPped, the other two split 4.5 s later).
 *
 * <p>This class wraps the socket factory JGroups makes from {@code TCP.tls}: each client socket is
 * closed if its handshake has not completed {@link #handshakeDeadlineMs} after it was created
 * (JGroups' timer does it), which ends the waiting {@code startHandshake()} with an exception; the
 * next message to that member dials again. Why not {@code SO_TIMEOUT}: it would stay on the socket
 * after the handshake and end idle connections. Cost: a handshake slower than the deadline never
 * completes; the deadline is three connect timeouts (900 ms with the loopback preset, 1.5 s with
 * the defaults), far above a TLS handshake's few round trips.
 *
 * <p>Package-private: only {@link StackBuilder} creates it.
 */
final class HandshakeDeadlineTcp extends TCP {

  private final LongAdder abandoned = new LongAdder();

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
   * How many outgoing TLS handshakes were given up at their deadline since start.
   *
   * @return the count
   */
  long abandonedHandshakes() {
    return abandoned.sum();
  }

  /** {@code TCP.start()} sets the factory it made from {@code tls}: wrap it once. */
  @Override
  public void setSocketFactory(SocketFactory factory) {
    super.setSocketFactory(factory instanceof Deadlines ? factory : new Deadlines(factory));
  }

  private void watch(SSLSocket socket) {
    TimeScheduler timer = getTimer();
    if (timer == null) {
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    socket.addHandshakeCompletedListener(e -> done.set(true));
    long deadline = handshakeDeadlineMs();
    timer.schedule(() -> {
      if (!done.get() && socket.isConnected() && !socket.isClosed()) {
        abandoned.increment();
        log.debug("%s: TLS handshake with %s not done after %d ms: closing it, the next message "
            + "dials again", local_addr, socket.getRemoteSocketAddress(), deadline);
        Util.close(socket);
      }
    }, deadline, TimeUnit.MILLISECONDS, false);
  }

  /** Delegates everything; watches the client sockets JGroups connects with. */
  private final class Deadlines implements SocketFactory {
    private final SocketFactory delegate;

    Deadlines(SocketFactory delegate) {
      this.delegate = delegate;
    }

    private Socket watched(Socket s) {
      if (s instanceof SSLSocket ssl) {
        watch(ssl);
      }
      return s;
    }

    @Override
    public Socket createSocket(String name) throws IOException {
      return watched(delegate.createSocket(name));
    }

    @Override
    public Socket createSocket(String name, String host, int port) throws IOException {
      return watched(delegate.createSocket(name, host, port));
    }

    @Override
    public Socket createSocket(String name, InetAddress address, int port) throws IOException {
      return watched(delegate.createSocket(name, address, port));
    }

    @Override
    public Socket createSocket(String name, String host, int port, InetAddress localAddr,
        int localPort) throws IOException {
      return watched(delegate.createSocket(name, host, port, localAddr, localPort));
    }

    @Override
    public Socket createSocket(String name, InetAddress address, int port, InetAddress localAddr,
        int localPort) throws IOException {
      return watched(delegate.createSocket(name, address, port, localAddr, localPort));
    }

    @Override
    public ServerSocket createServerSocket(String name) throws IOException {
      return delegate.createServerSocket(name);
    }

    @Override
    public ServerSocket createServerSocket(String name, int port) throws IOException {
      return delegate.createServerSocket(name, port);
    }

    @Override
    public ServerSocket createServerSocket(String name, int port, int backlog) throws IOException {
      return delegate.createServerSocket(name, port, backlog);
    }

    @Override
    public ServerSocket createServerSocket(String name, int port, int backlog, InetAddress bindAddr)
        throws IOException {
      return delegate.createServerSocket(name, port, backlog, bindAddr);
    }

    @Override
    public DatagramSocket createDatagramSocket(String name) throws SocketException {
      return delegate.createDatagramSocket(name);
    }

    @Override
    public DatagramSocket createDatagramSocket(String name, SocketAddress bindAddr)
        throws SocketException {
      return delegate.createDatagramSocket(name, bindAddr);
    }

    @Override
    public DatagramSocket createDatagramSocket(String name, int port) throws SocketException {
      return delegate.createDatagramSocket(name, port);
    }

    @Override
    public DatagramSocket createDatagramSocket(String name, int port, InetAddress localAddr)
        throws SocketException {
      return delegate.createDatagramSocket(name, port, localAddr);
    }

    @Override
    public MulticastSocket createMulticastSocket(String name) throws IOException {
      return delegate.createMulticastSocket(name);
    }

    @Override
    public MulticastSocket createMulticastSocket(String name, int port) throws IOException {
      return delegate.createMulticastSocket(name, port);
    }

    @Override
    public MulticastSocket createMulticastSocket(String name, SocketAddress bindAddr)
        throws IOException {
      return delegate.createMulticastSocket(name, bindAddr);
    }

    @Override
    public void close(Socket sock) throws IOException {
      delegate.close(sock);
    }

    @Override
    public void close(ServerSocket sock) throws IOException {
      delegate.close(sock);
    }

    @Override
    public void close(DatagramSocket sock) {
      delegate.close(sock);
    }
  }
}
