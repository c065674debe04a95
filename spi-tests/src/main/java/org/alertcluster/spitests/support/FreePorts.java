package org.alertcluster.spitests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP ports on 127.0.0.1 that were free a moment ago, together with the port {@value #FD_OFFSET}
 * above them (where a peer's failure detection, JGroups' FD_SOCK2, listens).
 *
 * <p>Ports are drawn at random from <em>below</em> the operating system's ephemeral range (on Linux
 * {@code /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default), proven free by binding
 * them, and released. A port the OS picks for "port 0" comes from the ephemeral range, where every
 * outgoing connection on the machine also takes its local port: under load such a port was often
 * taken again before the peer bound it. Below the range only another listener can take it.
 *
 * <p>Never hands out the same port (or one {@value #FD_OFFSET} apart) twice in one JVM, so peers
 * started in quick succession cannot collide. Another process may still take a port between this
 * call and its use; callers that bind should retry with a new port (as {@link PeerCluster} does).
 */
public final class FreePorts {

  /** The offset of a peer's failure-detection port from its cluster port. */
  static final int FD_OFFSET = 100;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int ATTEMPTS = 200;
  private static final int LOWEST = 10_000;
  private static final int EPHEMERAL_LOW = ephemeralLow();

  private FreePorts() {}

  /**
   * A loopback port that was free when this method bound it, and whose port + {@value #FD_OFFSET}
   * was free too.
   *
   * @return a port number
   * @throws UncheckedIOException if no port could be bound in 200 attempts
   */
  public static int next() {
    int highest = EPHEMERAL_LOW - FD_OFFSET - 1;
    if (highest - LOWEST < 1_000) {
      return fromOperatingSystem(); // an unusual ephemeral range: let the OS pick
    }
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, highest);
      if (HANDED_OUT.contains(port) || HANDED_OUT.contains(port + FD_OFFSET)
          || HANDED_OUT.contains(port - FD_OFFSET)) {
        continue;
      }
      if (canBind(port) && canBind(port + FD_OFFSET) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port found below "
        + EPHEMERAL_LOW + " in " + ATTEMPTS + " attempts"));
  }

  private static int fromOperatingSystem() {
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

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralLow() {
    // Files.readString reads procfs files short (one byte on JDK 17): read a line instead.
    try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      String line = r.readLine();
      return Integer.parseInt(line.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default; other systems use 49152 (IANA), which is above it
    }
  }
}
