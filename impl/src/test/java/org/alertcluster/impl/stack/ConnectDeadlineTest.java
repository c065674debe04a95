package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alertcluster.api.ClusterConfig;
import org.jgroups.JChannel;
import org.jgroups.protocols.TP;
import org.junit.jupiter.api.Test;

/**
 * The transport's connect timeout: which transport the plaintext stack gets (TLS keeps JGroups'
 * {@code TCP}, covered by {@code TlsClusterTest}), and that a connect whose SYNs
 * go unanswered is given up after {@code sock_conn_timeout} and dialled again, instead of waiting
 * for the kernel's SYN retransmissions (1 s, 3 s, 7 s…) as JGroups' TCP_NIO2 does by itself.
 *
 * <p>Unanswered SYNs, deterministically and on loopback: a listening socket that never accepts,
 * with a backlog of 1 that filler connections have filled; Linux then drops further SYNs, so a
 * connect to it stays pending.
 */
class ConnectDeadlineTest {

  private static ClusterConfig.Builder config() {
    return ClusterConfig.loopback().clusterName("deadline").probeTimeout(Duration.ofMillis(200));
  }

  @Test
  void connectTimeoutIsTheProbeTimeoutWithinBounds() {
    assertThat(StackBuilder.connectTimeoutMs(config().build())).isEqualTo(200);
    assertThat(StackBuilder.connectTimeoutMs(ClusterConfig.builder().build())).isEqualTo(500);
    assertThat(StackBuilder.connectTimeoutMs(config().probeTimeout(Duration.ofMillis(5)).build()))
        .as("at least 100 ms").isEqualTo(100);
    assertThat(StackBuilder.connectTimeoutMs(config().probeTimeout(Duration.ofSeconds(3))
        .failureDetectionTimeout(Duration.ofSeconds(10)).build())).as("at most 2 s").isEqualTo(2000);
    assertThat(StackBuilder.connectTimeoutMs(config().probeTimeout(Duration.ofSeconds(1))
        .tcpTimeout(Duration.ofMillis(400)).build())).as("at most tcpTimeout").isEqualTo(400);
  }

  @Test
  void plaintextGetsTheNonBlockingTransportWithTheDeadlineAndTheFrameLimit()
      throws Exception {
    ClusterConfig plain = config().build();
    TP transport = (TP) StackBuilder.protocols(plain, endpoints(plain), Set.of()).get(0);
    assertThat(transport).isInstanceOf(ConnectDeadlineTcpNio2.class);
    assertThat(((ConnectDeadlineTcpNio2) transport).getSockConnTimeout()).isEqualTo(200);
    assertThat(((ConnectDeadlineTcpNio2) transport).getMaxLength()).isEqualTo(StackBuilder.MAX_FRAME);
  }

  @Test
  void aConnectThatGetsNoSynAckIsGivenUpAtItsDeadlineAndDialledAgain() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillBacklog(deaf);
      try {
        ClusterConfig config = config().build();
        StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
        InetSocketAddress target = new InetSocketAddress(deaf.getInetAddress(), deaf.getLocalPort());
        // The deaf port is a known peer: discovery dials it while joining and MERGE3 afterwards.
        try (JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of(target)))) {
          ch.getProtocolStack().getTransport().getDiagnosticsHandler().setEnabled(false);
          ch.connect("deadline");
          ConnectDeadlineTcpNio2 tcp = (ConnectDeadlineTcpNio2) ch.getProtocolStack().getTransport();
          long started = System.nanoTime();
          // Without the deadline the first connect stays pending until the kernel gives up (about
          // two minutes): 0 abandoned. With it, one every 200–250 ms while discovery keeps dialling.
          await().atMost(Duration.ofSeconds(10)).until(() -> tcp.abandonedConnects() >= 3);
          long ms = (System.nanoTime() - started) / 1_000_000;
          System.out.printf("connect deadline: %d connects to a port that drops SYNs given up in %d ms"
              + " (timeout %d ms)%n", tcp.abandonedConnects(), ms, tcp.getSockConnTimeout());
          assertThat(ch.getView().size()).as("still a cluster of its own").isEqualTo(1);
        }
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  /**
   * The heal case: the deaf port's backlog is drained (and accepted from from then on) while a
   * connect whose SYN was dropped is pending, with a deadline of 1.5 s. A probe's fresh SYN gets
   * through, the pending connect is closed at once and dialled again: the transport's own
   * connection arrives (its header's first bytes) without waiting for the kernel's retransmission
   * 1 s after the connect began, nor the deadline.
   */
  @Test
  void aPendingConnectIsDialledAgainAsSoonAsAFreshSynGetsThrough() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillBacklog(deaf);
      ClusterConfig config = config().probeTimeout(Duration.ofMillis(1500)).build();
      StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
      InetSocketAddress target = new InetSocketAddress(deaf.getInetAddress(), deaf.getLocalPort());
      java.util.concurrent.atomic.AtomicLong transportConnected =
          new java.util.concurrent.atomic.AtomicLong();
      Thread acceptor = new Thread(() -> acceptAll(deaf, transportConnected), "deaf-acceptor");
      try (JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of(target)))) {
        ch.getProtocolStack().getTransport().getDiagnosticsHandler().setEnabled(false);
        ch.connect("deadline");
        ConnectDeadlineTcpNio2 tcp = (ConnectDeadlineTcpNio2) ch.getProtocolStack().getTransport();
        // A connect pending 150-400 ms: its SYN was dropped (a loopback SYN-ACK takes
        // microseconds) and so were its probes'. The kernel completes it by itself only at its
        // first retransmission, 1 s after it began (one pending longer, up to the 1.5 s deadline,
        // could do so right after the drain: seen once, 72 ms after it), so the probe has 600 ms.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
            .until(() -> tcp.oldestPendingMs() >= 150 && tcp.oldestPendingMs() <= 400);
        assertThat(tcp.probedAwayConnects()).as("no probe got through while SYNs are dropped")
            .isZero();
        for (Socket s : fillers) {
          s.close();
        }
        long healed = System.nanoTime();
        acceptor.start(); // drains the backlog and accepts everything from now on
        await().atMost(Duration.ofSeconds(10)).until(() -> transportConnected.get() != 0);
        long ms = (transportConnected.get() - healed) / 1_000_000;
        System.out.printf("connect probe: the transport's connection arrived %d ms after SYNs "
            + "got through again (deadline %d ms; %d pending connects closed early)%n", ms,
            tcp.getSockConnTimeout(), tcp.probedAwayConnects());
        assertThat(tcp.probedAwayConnects()).as("the pending connect closed when a probe "
            + "connected").isPositive();
      } finally {
        deaf.close();
        acceptor.join(5_000);
      }
    }
  }

  /**
   * Accepts until the socket closes; stamps the first connection that sends bytes (the
   * transport's header; a probe sends none and closes).
   */
  private static void acceptAll(ServerSocket deaf, java.util.concurrent.atomic.AtomicLong stamp) {
    List<Socket> accepted = new ArrayList<>();
    try {
      while (true) {
        Socket s = deaf.accept();
        accepted.add(s);
        s.setSoTimeout(200);
        try {
          if (s.getInputStream().read() >= 0) {
            stamp.compareAndSet(0, System.nanoTime());
          }
        } catch (IOException silentOrTimedOut) {
          // a probe (closed, or nothing to read): next
        }
      }
    } catch (IOException closed) {
      // the test is over
    } finally {
      for (Socket s : accepted) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }

  /** Connects until a connect no longer completes within 300 ms: the backlog is then full. */
  private static List<Socket> fillBacklog(ServerSocket deaf) throws IOException {
    List<Socket> fillers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Socket s = new Socket();
      try {
        s.connect(deaf.getLocalSocketAddress(), 300);
        fillers.add(s);
      } catch (IOException pending) {
        s.close();
        return fillers;
      }
    }
    throw new IllegalStateException("the backlog of 1 took 8 connections: SYNs are not dropped here");
  }

  private static StackBuilder.Endpoints endpoints(ClusterConfig config) throws IOException {
    return StackBuilder.pickFreePort(LocalAddresses.of(config));
  }
}
