package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK HTTP servers of this host with Nagle's algorithm off on every accepted socket.
 *
 * <p>Why: the JDK server writes a response's headers and its body as two segments. With Nagle on,
 * the body waits until the client acknowledges the headers, and a client that waits for the whole
 * response delays that ACK (Linux: 40 ms). So the second request on a keep-alive connection took
 * about 45 ms, and {@code amtool silence import} (one connection, thousands of POSTs) ran into its
 * timeout. The JDK server has no per-server socket option; it reads the system property
 * {@value #NODELAY_PROPERTY} once, when its first server is created, so it is set here, before any
 * server of this process exists. A value set by the user on the command line is kept.
 */
public final class HttpServers {

  /** The JDK server's switch for {@code TCP_NODELAY} on accepted connections (default false). */
  public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private HttpServers() {}

  /**
   * Creates (does not start) a server.
   *
   * @param address where to listen; port 0 lets the OS choose
   * @param backlog the accept backlog
   * @return the server
   * @throws IOException if the address cannot be bound
   */
  public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    return HttpServer.create(address, backlog);
  }
}
