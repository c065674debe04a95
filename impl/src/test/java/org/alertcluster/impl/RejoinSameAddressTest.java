package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Member;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import java.io.DataOutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Version;
import org.jgroups.stack.IpAddress;
import org.jgroups.blocks.cs.BaseServer;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.blocks.cs.ConnectionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member that goes away and comes back at the same host:port, as a new channel incarnation
 * (new JGroups UUID), the way a Karaf peer does when its configuration changes and a replica does
 * when it is restarted: the others may still hold the old incarnation in their view, their failed
 * peers, their transport's connection table (keyed by physical address) or MergeGuard's list of
 * members that said goodbye. Found as {@code KarafOperationsTest} waiting 45 s in vain, once; the
 * cause is made deterministic in {@link #aConnectionAcceptedAsThePeerStopsDoesNotKeepItsSuccessorOut}.
 *
 * <p>The rounds tests inject: two busy threads; {@value #ROUNDS} rounds of "a peer of three leaves
 * gracefully (at once, or after the others dropped it) or crashes, and a new peer starts at once on
 * its port with its name" (the victim is b, or whoever coordinates). Must hold after each round: the
 * new incarnation is in every member's view, the old one in none, it is listed once by name, and
 * it holds the entry written while it was away (its join exchange). The times are printed.
 */
class RejoinSameAddressTest {

  private static final int ROUNDS = 5;
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final String cluster = "rejoin-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> started = new ArrayList<>();
  /** Busy threads, one per core, started by the tests that want them (CpuLoad's). */
  private CpuLoad.Load load;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (load != null) {
      load.close();
    }
    started.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private void startLoad() {
    load = new CpuLoad.Load();
  }


  private record Node(JGroupsPeer peer, LwwMapState state) {}

  private Node start(String name, int port, List<Integer> known) {
    ClusterConfig config = PeerCluster.testDefaults(cluster, port).nodeName(name)
        .knownPeers(known.stream().map(p -> "127.0.0.1:" + p).toList()).build();
    JGroupsPeer p = JGroupsPeer.start(config);
    started.add(p);
    LwwMapState s = new LwwMapState("sil");
    p.addState(s);
    return new Node(p, s);
  }

  enum Away { LEAVE_AND_WAIT, LEAVE, CRASH, CRASH_COORDINATOR }

  @Test
  void theCoordinatorCrashesAndRestartsAtOnceOnItsPort() {
    rounds(Away.CRASH_COORDINATOR);
  }

  @Test
  void aPeerThatLeavesAndRestartsAtOnceOnItsPortIsMergedBack() {
    rounds(Away.LEAVE);
  }

  @Test
  void aPeerThatLeavesAndRestartsOnItsPortAfterTheOthersDroppedItIsMergedBack() {
    rounds(Away.LEAVE_AND_WAIT);
  }

  @Test
  void aPeerThatCrashesAndRestartsAtOnceOnItsPortReplacesItsOldIncarnation() {
    rounds(Away.CRASH);
  }

  /**
   * The KarafOperationsTest flake, made deterministic. JGroups' {@code NioServer.stop()} closes the
   * connections in its table and then lets its acceptor thread finish the batch it is working on:
   * a connection accepted in that last batch (a member dialling the leaver once more: a heartbeat, a
   * merge probe) is registered for reading and never read or closed. The socket stays open as long
   * as the JVM lives (a Karaf container, a host re-creating its peer), so the member that dialled it
   * holds what looks like a healthy connection: its writes succeed, nothing comes back, and its view
   * no longer lists the leaver, so no view change closes it. When the peer restarts at the same
   * address, that member, whose address sorts after the newcomer's, keeps its own "connection"
   * (JGroups: the bigger address wins) and refuses every connection the newcomer opens: join
   * discovery and merge detection never get through (a Karaf peer "joined" alone and stayed so for
   * 45 s; 1 of 8 runs under load).
   *
   * <p>Injects, to make that last batch happen on cue: a's view without b (b's leave as a saw it);
   * a DISCARD so b never dials a; a listener on b's transport that holds b's acceptor on the
   * preamble of a raw connection c0 while a dials b and a second raw connection c1 (accepted before
   * c0) sends its preamble; released, the acceptor takes a's connection and reads c1's preamble in
   * one batch, and is held on c1 until b's transport stops. Must hold: b, restarted on its port, is
   * merged with a.
   */
  @Test
  void aConnectionAcceptedAsThePeerStopsDoesNotKeepItsSuccessorOut() throws Exception {
    int p1 = FreePorts.next();
    int p2 = FreePorts.next();
    int pa = Math.max(p1, p2); // a sorts after b: a keeps its connection and refuses b's
    int pb = Math.min(p1, p2);
    Node a = start("a", pa, List.of(pb));
    Node b = start("b", pb, List.of(pa));
    ClusterAwait.awaitSameView(WAIT, List.of(a.peer(), b.peer()), 2);
    Address old = Faults.address(b.peer());
    IpAddress bPhysical = new IpAddress("127.0.0.1", pb);
    IpAddress fake0 = new IpAddress("127.0.0.1", 1);
    IpAddress fake1 = new IpAddress("127.0.0.1", 2);
    BaseServer bServer = server(b);
    BaseServer aServer = server(a);
    CountDownLatch held0 = new CountDownLatch(1);
    CountDownLatch release0 = new CountDownLatch(1);
    CountDownLatch held1 = new CountDownLatch(1);
    bServer.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionEstablished(Connection conn) {
        try {
          if (fake0.equals(conn.peerAddress())) {
            held0.countDown();
            release0.await(10, TimeUnit.SECONDS);
          } else if (fake1.equals(conn.peerAddress())) {
            held1.countDown();
            new CountDownLatch(1).await(10, TimeUnit.SECONDS); // until b's transport stops
          }
        } catch (InterruptedException stopping) {
          Thread.currentThread().interrupt(); // let the acceptor see it
        }
      }

      @Override
      public void connectionClosed(Connection conn) {}
    });
    Faults.discard(b.peer()).setDownDiscardRate(1.0);
    Faults.injectView(List.of(a.peer()));
    try (Socket c1 = new Socket("127.0.0.1", pb); Socket c0 = new Socket("127.0.0.1", pb)) {
      c0.getOutputStream().write(preamble(fake0));
      assertThat(held0.await(5, TimeUnit.SECONDS)).as("b's acceptor held on c0").isTrue();
      // Any connection b has read from goes, and a dials b anew (its merge probes do, or this
      // message). A connection of a's that b had not read (dialled during the hold) stays: fine.
      Connection before = connection(aServer, bPhysical);
      boolean bReadIt = bServer.hasConnection(new IpAddress("127.0.0.1", pa));
      bServer.clearConnections(false);
      await().atMost(WAIT).until(() -> {
        Connection now = connection(aServer, bPhysical);
        if (now == null) {
          a.peer().channelForTesting().send(new BytesMessage(old, new byte[] {1}));
        }
        return now != null && now.isConnected() && (now != before || !bReadIt);
      });
      c1.getOutputStream().write(preamble(fake1));
      release0.countDown();
      assertThat(held1.await(5, TimeUnit.SECONDS)).as("b's acceptor held on c1").isTrue();
      b.peer().leave(Duration.ofMillis(300));
    }

    Node fresh = start("b", pb, List.of(pa));
    Address now = Faults.address(fresh.peer());
    try {
      await().atMost(WAIT).until(() -> inView(a, now) && fresh.peer().members().size() == 2);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(String.format("b restarted at 127.0.0.1:%d not merged with a within "
          + "%s; views %s; a's connections %s", pb, WAIT,
          ClusterAwait.views(List.of(a.peer(), fresh.peer())), conns(a)), e);
    }
  }

  private static Connection connection(BaseServer server, Address to) {
    Connection[] found = new Connection[1];
    server.forAllConnections((addr, conn) -> {
      if (addr.equals(to)) {
        found[0] = conn;
      }
    });
    return found[0];
  }

  /** What a JGroups TCP connection sends first: cookie, version, the sender's address. */
  private static byte[] preamble(IpAddress from) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(Connection.cookie);
    out.writeShort(Version.version);
    out.writeShort(from.serializedSize());
    from.writeTo(out);
    return bytes.toByteArray();
  }

  private static BaseServer server(Node n) throws ReflectiveOperationException {
    Object tp = n.peer().channelForTesting().getProtocolStack().getTransport();
    java.lang.reflect.Field f = org.jgroups.protocols.TCP_NIO2.class.getDeclaredField("server");
    f.setAccessible(true);
    return (BaseServer) f.get(tp);
  }

  private static String conns(Node n) {
    return ((org.jgroups.protocols.TCP_NIO2) n.peer().channelForTesting().getProtocolStack()
        .getTransport()).printConnections();
  }

  private void rounds(Away away) {
    List<String> names = List.of("a", "b", "c");
    List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int self = i;
      nodes.add(start(names.get(i), ports.get(i), ports.stream().filter(p -> p != ports.get(self)).toList()));
    }
    ClusterAwait.awaitSameView(WAIT, nodes.stream().map(Node::peer).toList(), 3);
    startLoad();
    List<Long> millis = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      final int round = r;
      // The victim: b, or whoever coordinates now (the first member of the view).
      int v = away == Away.CRASH_COORDINATOR
          ? names.indexOf(nodes.get(0).peer().members().get(0).name()) : 1;
      Node victim = nodes.get(v);
      List<Node> others = nodes.stream().filter(n -> n != victim).toList();
      Address old = Faults.address(victim.peer());
      switch (away) {
        case CRASH, CRASH_COORDINATOR -> victim.peer().halt();
        default -> victim.peer().leave(Duration.ofSeconds(2));
      }
      if (away == Away.LEAVE_AND_WAIT) {
        await().atMost(WAIT).until(() -> others.stream().noneMatch(n -> inView(n, old)));
      }
      String id = "while-away-" + round;
      Node writer = others.get(0);
      writer.peer().channel("sil").orElseThrow().broadcast(writer.state().put(id, "v"));
      long t0 = System.nanoTime();
      int port = ports.get(v);
      Node fresh = start(names.get(v), port, ports.stream().filter(p -> p != port).toList());
      Address now = Faults.address(fresh.peer());
      try {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() ->
            others.stream().allMatch(n -> inView(n, now) && !inView(n, old))
                && fresh.peer().members().size() == 3 && fresh.state().get(id).isPresent());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(String.format("round %d (%s): the new incarnation %s of %s at "
            + "127.0.0.1:%d not merged back within %s (old %s); views: %s", round, away, now,
            names.get(v), port, WAIT, old, ClusterAwait.views(List.of(others.get(0).peer(),
                others.get(1).peer(), fresh.peer()))), e);
      }
      millis.add((System.nanoTime() - t0) / 1_000_000);
      nodes.set(v, fresh);
      for (Node n : others) {
        assertThat(n.peer().members().stream().map(Member::name).filter(names.get(v)::equals)
            .count()).as("%s listed once on %s (round %d)", names.get(v), n.peer().name(), round)
            .isEqualTo(1);
      }
    }
    System.out.printf("REJOIN | %s at the same port, %d rounds, load %.2f | whole and in sync "
        + "after (ms from start): %s%n", away, ROUNDS,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), millis);
  }

  private static boolean inView(Node n, Address member) {
    return n.peer().channelForTesting().getView().containsMember(member);
  }
}
