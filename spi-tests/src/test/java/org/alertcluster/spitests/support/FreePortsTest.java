package org.alertcluster.spitests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreDistinctAndBindableTogetherWithTheirFailureDetectionPort() throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.next();
      assertThat(seen).as("handed out twice or %d apart", FreePorts.FD_OFFSET)
          .doesNotContain(port, port + FreePorts.FD_OFFSET, port - FreePorts.FD_OFFSET);
      seen.add(port);
      try (ServerSocket main = bind(port); ServerSocket fd = bind(port + FreePorts.FD_OFFSET)) {
        assertThat(main.getLocalPort()).isEqualTo(port);
        assertThat(fd.getLocalPort()).isEqualTo(port + FreePorts.FD_OFFSET);
      }
    }
  }

  @Test
  void portsComeFromBelowTheEphemeralRangeWhereOutgoingConnectionsCannotTakeThem() {
    // An outgoing connection's local port (the OS picks it) shows where the ephemeral range is.
    int ephemeral;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ephemeral = probe.getLocalPort();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    int port = FreePorts.next();
    if (ephemeral >= 32_768) {
      assertThat(port).isLessThan(32_768);
    }
    assertThat(port).isGreaterThanOrEqualTo(1_024);
  }

  private static ServerSocket bind(int port) throws Exception {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    return s;
  }
}
