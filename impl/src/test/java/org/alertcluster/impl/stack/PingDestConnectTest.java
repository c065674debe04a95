package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Tuple;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A view reaches the application without waiting for FD_SOCK2's connect to its new ping
 * destination ({@link BoundedFdSock2}). Injects, in one JVM on loopback: a view in which this
 * peer's next member (its FD_SOCK2 ping destination) is a fake member whose FD_SOCK2 port accepts
 * the TCP connect and never answers, with FD_SOCK2's {@code connect_timeout} raised to 10 s (on real
 * links: a member of a healed partition whose address is still being resolved, or one on the far
 * side of a fresh partition, 1 s per port). Must hold: GMS's {@code installView} returns, and the
 * receiver has the view, while FD_SOCK2 still waits for its answer. Before the fix it returned only
 * when FD_SOCK2 gave up (10 s here; 1–8 s in NetnsClusterTest's runs).
 */
class PingDestConnectTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aViewIsDeliveredWhileFdSockStillWaitsForItsNewPingDestination() throws Exception {
    ClusterConfig config = ClusterConfig.loopback().clusterName("pingdest").build();
    StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of()))) {
      ch.getProtocolStack().getTransport().getDiagnosticsHandler().setEnabled(false);
      CompletableFuture<View> delivered = new CompletableFuture<>();
      ch.setReceiver(new Receiver() {
        @Override
        public void viewAccepted(View view) {
          if (view.size() == 2) {
            delivered.complete(view);
          }
        }
      });
      ch.connect("pingdest");
      FD_SOCK2 fd = ch.getProtocolStack().findProtocol(FD_SOCK2.class);
      assertThat(fd).isInstanceOf(BoundedFdSock2.class);
      fd.setValue("connect_timeout", 10_000);

      // The fake member's transport port is the silent port minus FD_SOCK2's offset, so FD_SOCK2
      // dials the silent port first.
      Address self = ch.getAddress();
      Address fake = UUID.randomUUID();
      int transportPort = silent.getLocalPort() - StackBuilder.FD_SOCK_OFFSET;
      ch.down(new Event(Event.ADD_PHYSICAL_ADDRESS,
          new Tuple<>(fake, new IpAddress(InetAddress.getLoopbackAddress(), transportPort))));
      View view = View.create(self, ch.getView().getViewId().getId() + 1, self, fake);
      GMS gms = ch.getProtocolStack().findProtocol(GMS.class);

      long start = System.nanoTime();
      CompletableFuture<Long> installed = CompletableFuture.supplyAsync(() -> {
        gms.installView(view);
        return System.nanoTime();
      });
      try (Socket fromFdSock = silent.accept()) { // FD_SOCK2 dialled its new ping destination
        View got = delivered.get(8, TimeUnit.SECONDS);
        long returned = installed.get(8, TimeUnit.SECONDS);
        assertThat(got.getMembers()).containsExactly(self, fake);
        // Still unanswered and open: FD_SOCK2 is waiting for this connection's answer right now.
        fromFdSock.setSoTimeout(50);
        assertThat(stillOpen(fromFdSock)).as("FD_SOCK2 still waits for its ping destination")
            .isTrue();
        System.out.printf("ping-dest connect: view delivered %d ms after installView began, "
                + "FD_SOCK2's connect still waiting (connect_timeout 10 s)%n",
            (returned - start) / 1_000_000);
      }
    }
  }

  /** True while the peer has not closed the connection (what it sent, its CONNECT, is skipped). */
  private static boolean stillOpen(Socket s) throws Exception {
    byte[] buf = new byte[1024];
    try {
      while (s.getInputStream().read(buf) != -1) {
        // FD_SOCK2's connection handshake and CONNECT request
      }
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    }
  }
}
