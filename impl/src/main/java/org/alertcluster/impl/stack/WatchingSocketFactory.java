package org.alertcluster.impl.stack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.jgroups.util.SocketFactory;

/**
 * A JGroups {@link SocketFactory} that delegates everything and hands each TLS client socket it
 * creates to a watcher (for {@link HandshakeDeadlineTcp}'s handshake deadline) before JGroups
 * connects it.
 */
final class WatchingSocketFactory implements SocketFactory {

  private final SocketFactory delegate;
  private final Consumer<SSLSocket> watcher;

  WatchingSocketFactory(SocketFactory delegate, Consumer<SSLSocket> watcher) {
    this.delegate = delegate;
    this.watcher = watcher;
  }

  private Socket watched(Socket s) {
    if (s instanceof SSLSocket ssl) {
      watcher.accept(ssl);
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
