package org.alertcluster.spitests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP ports on 127.0.0.1 that were free a moment ago: bound with port 0 (the OS picks) and released.
 * Never hands out the same port twice in one JVM, so peers started in quick succession cannot be given
 * the same one. Another process may still take a port between this call and its use; callers that
 * bind should retry with a new port (as {@link PeerCluster} does).
 */
public final class FreePorts {

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /**
   * A loopback port that was free when this method bound it.
   *
   * @return a port number
   * @throws UncheckedIOException if no port could be bound in 50 attempts
   */
  public static int next() {
    IOException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port found in " + ATTEMPTS
        + " attempts", last));
  }
}
