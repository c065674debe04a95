package org.alertcluster.impl.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.discovery.Discovery;
import org.alertcluster.impl.tls.PeerTls;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * Builds the JGroups channel for a {@link ClusterConfig}: the built-in TCP stack, or the expert's
 * XML file from {@link ClusterConfig#stackConfig()}.
 *
 * <p>The built-in stack, bottom up, and where each setting comes from:
 * <ul>
 *   <li>{@code TCP_NIO2} as {@link ConnectDeadlineTcpNio2} (with {@code tls} enabled: {@code TCP}):
 *       one port for everything. TCP_NIO2 because its connects do not block the sender: the blocking
 *       {@code TCP} dials each member in turn on the one thread that sends multicasts
 *       ({@code TP.sendToAll}), so a member whose SYNs go unanswered held every multicast,
 *       heartbeats and views included, for the connect timeout (the reachable side then suspected
 *       itself apart). {@code sock_conn_timeout} = {@link #connectTimeoutMs}, enforced for TCP_NIO2
 *       by {@link ConnectDeadlineTcpNio2}; {@code max_length} = {@link #MAX_FRAME}.
 *       {@code bind_addr}/{@code bind_port} from
 *       {@code bindAddress} with {@code port_range=0} (the configured port or nothing, never a
 *       neighbour); {@code external_addr}/{@code external_port} carry the advertise address;
 *       {@code tcp_nodelay=true} because JGroups' default (Nagle on) adds 12–20 ms to every small
 *       broadcast; {@code thread_pool.keep_alive_time=5000} (JGroups: 30 s) so that the idle pool
 *       shrinks. The diagnostics handler is switched off: it would open a multicast socket. With
 *       {@code tls} enabled, {@code TCP} with JGroups' own TLS ({@code TCP.tls}; JGroups has TLS for
 *       {@code TCP} only) and the context from {@link PeerTls}: every connection of this port is
 *       TLS, mutually authenticated by default; the transport is {@link HandshakeDeadlineTcp}. There
 *       a connect to an unreachable member still holds the multicasts, for at most
 *       {@link #connectTimeoutMs} per such member (three times that for a member that accepts the
 *       connect but never answers the handshake, e.g. a paused process), and
 *       {@code send_buf_size} = {@link #TLS_SEND_BUFFER} so that writes to a member that vanished
 *       do not block them either unless that much is in flight to it.</li>
 *   <li>{@code TCPPING} as {@link Discovery#joinPing}: {@code initial_hosts} = resolved known peers (plus
 *       failed peers, kept up to date by {@link Discovery}); {@code port_range=0} so it never
 *       probes 7801, 7802…. A join's discovery ends once every known peer answered (not after the
 *       whole {@code joinTimeout}), and its requests are re-sent every 200 ms while it waits.</li>
 *   <li>{@link MergeGuard} (ours): keeps a leaving member out of merges.</li>
 *   <li>{@code MERGE3}: finds subgroups through discovery and merges them; its cadence is
 *       {@link Merge3Timing} (a few hundred milliseconds with the defaults, so a partition heals
 *       and peers started together become one cluster within about a second).</li>
 *   <li>{@code FD_SOCK2} (a crash closes sockets: detected at once) and {@code FD_ALL3}
 *       (heartbeats every {@code probeInterval}, suspect after {@code failureDetectionTimeout});
 *       {@code VERIFY_SUSPECT2} double-checks for {@code probeTimeout}. FD_SOCK2 listens at the
 *       transport's port + 100 (+0..3 if taken): with port 0 the transport port is ephemeral, so this
 *       lands in the ephemeral range too, never in the 7800 range; with Alertmanager's 9094 it is
 *       9194. The others dial the <em>advertised</em> port + 100, so behind a port mapping that
 *       port must be forwarded as well (or FD_ALL3 heartbeats detect the failure instead). FD_SOCK2
 *       runs on NIO channels, which JGroups' TLS does not cover, so it stays plaintext with TLS on; it
 *       is harmless: it answers a CONNECT with the cluster name and this member's address (both no
 *       secret), ignores SUSPECT/UNSUSPECT sent to it (those travel over the secured port), and a
 *       closed connection matters only if it is the one this peer opened to its ping target. Nothing
 *       received there reaches membership or state (tested by a flood of garbage and ClientHellos).
 *       As {@link BoundedFdSock2} it connects to a new ping destination on a thread of its own, not
 *       on the thread installing the view (JGroups' FD_SOCK2 held each view there up to 1 s per
 *       port of an unreachable next member).</li>
 *   <li>{@code NAKACK2}, {@code UNICAST3}, {@code STABLE}: reliable, ordered delivery (retransmission
 *       by unicast: there is no IP multicast over TCP); {@code xmit_interval} = {@code probeTimeout}
 *       / 5, at least 50 ms (100 ms by default, JGroups: 1 s and 500 ms), so a lost message is
 *       repaired in about that time.</li>
 *   <li>{@link MergeCollisions} (ours): keeps two coordinators from each leading a merge right
 *       after a heal (each heard the other side's members before the other coordinator; JGroups
 *       ignores a merge request during another merge, so both waited {@code merge_timeout}).</li>
 *   <li>{@code GMS}: views; {@code join_timeout} = {@code joinTimeout}; {@code merge_timeout} =
 *       4 × {@code probeTimeout}, at least 1 s (a merge with a participant that vanished must not
 *       hold joins and leaves for JGroups' 5 s); {@code view_ack_collection_timeout} =
 *       {@code probeTimeout}, at least 100 ms (JGroups: 2 s, which a merge after a pause waited out
 *       in full).</li>
 *   <li>{@code UFC}, {@code MFC}: flow control (the reason broadcasts are sent off the caller's
 *       thread when credits run short; {@link CountingMFC} tells the peer when that happened),
 *       {@code FRAG4}: fragmentation of large messages.</li>
 * </ul>
 *
 * <p>Public only because it is the stack package's one door: the root package ({@code JGroupsPeer},
 * {@code TestSeam}) builds the channel and derives the endpoints with it, {@code membership}'s leave
 * and {@code sync}'s non-blocking send reach the stack's own protocols through its static methods;
 * <b>not API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list
 * of impl's public types with the reason for each.
 */
public final class StackBuilder {

  /**
   * The longest frame the transport accepts (TCP/TCP_NIO2 {@code max_length}); a longer one closes
   * the connection. FRAG4 cuts messages at 60 000 bytes and the bundler sends at most 64 000 per
   * frame; only a single message of GMS or discovery (below FRAG4: a view and digest, a discovery
   * answer listing every member) can be longer, about 50 bytes per member. 128 KiB is twice the
   * bundle and bounds what a stranger that passed the (secret-free) connection handshake can make
   * this peer expect: TCP_NIO2 buffers a declared frame until its bytes arrive, so a frame that
   * declares up to this much is held (and its buffer, up to 128 KiB per connection) until the
   * connection closes. JGroups' default: unbounded.
   */
  static final int MAX_FRAME = 128 * 1024;

  /**
   * {@code send_buf_size} (SO_SNDBUF) of the TLS stack's blocking {@code TCP}: 1 MiB (the kernel
   * caps it at {@code net.core.wmem_max}, 208 KiB on a stock Linux, and doubles it).
   */
  static final int TLS_SEND_BUFFER = 1 << 20;

  /** The shortest connect timeout, whatever {@code probeTimeout} says. */
  static final int MIN_CONNECT_TIMEOUT_MS = 100;
  /** The longest connect timeout (JGroups' default {@code sock_conn_timeout}). */
  static final int MAX_CONNECT_TIMEOUT_MS = 2000;

  /**
   * {@code TCP.thread_pool.keep_alive_time}: how long an idle thread of JGroups' message pool lives
   * (JGroups: 30 000 ms). An expert stack file sets its own.
   */
  static final long THREAD_POOL_KEEP_ALIVE_MS = 5_000;

  /** FD_SOCK2 listens this far above the transport port (JGroups' default). */
  static final int FD_SOCK_OFFSET = 100;
  /** A join round still waiting for known peers sends its discovery requests again this often. */
  static final Duration DISCOVERY_RESEND = Duration.ofMillis(200);

  private StackBuilder() {}

  /**
   * Where the transport binds and what it tells the others.
   *
   * @param bindAddress the IP to bind, or the wildcard address for every interface
   * @param bindPort the port to bind; 0 lets the OS choose
   * @param advertiseAddress the IP the others should connect to
   * @param advertisePort the port they should connect to; 0 means the actually bound port
   */
  public record Endpoints(InetAddress bindAddress, int bindPort, InetAddress advertiseAddress,
      int advertisePort) {

    /** @return true if the others must be told an address different from the bound one */
    boolean needsExternalAddress() {
      return bindAddress.isAnyLocalAddress() || !bindAddress.equals(advertiseAddress)
          || (advertisePort != 0 && advertisePort != bindPort);
    }
  }

  /**
   * Works out what to bind and what to advertise ({@link LocalAddresses}), as Alertmanager's
   * {@code calculateAdvertiseAddress}.
   *
   * @param config the configuration
   * @return the endpoints; bind port 0 when the configuration says so (see {@link #pickFreePort})
   * @throws IllegalArgumentException naming {@code bindAddress} or {@code advertiseAddress} when an
   *     address cannot be resolved or none can be derived
   */
  public static Endpoints endpoints(ClusterConfig config) {
    return LocalAddresses.of(config);
  }

  /**
   * Creates a channel, not yet connected.
   *
   * @param config the configuration
   * @param endpoints where to bind and what to advertise; its bind port must not be 0 (see
   *     {@link #pickFreePort})
   * @param initialHosts the resolved known peers
   * @return the channel
   * @throws Exception if JGroups cannot build the stack
   */
  public static JChannel create(ClusterConfig config, Endpoints endpoints,
      Collection<InetSocketAddress> initialHosts) throws Exception {
    if (!config.stackConfig().isEmpty()) {
      return fromFile(config.stackConfig());
    }
    JChannel channel = new JChannel(protocols(config, endpoints, initialHosts));
    // Created in TP.init (called by the JChannel constructor), started at connect: switch it off now.
    channel.getProtocolStack().getTransport().getDiagnosticsHandler().setEnabled(false);
    return channel;
  }

  private static JChannel fromFile(String path) throws Exception {
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "ClusterConfig.stackConfig '" + path + "' is not a readable file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new JChannel(in);
    }
  }

  static List<Protocol> protocols(ClusterConfig config, Endpoints endpoints,
      Collection<InetSocketAddress> initialHosts) {
    // TCP_NIO2 connects without blocking (NioConnection.connect registers OP_CONNECT and queues the
    // writes); with the blocking TCP, BaseServer.getConnection connects on the sender's own thread and
    // TP.sendToAll dials the members in turn on the bundler's one multicast thread. JGroups' TLS
    // exists for TCP only: with TLS on, that stall stays, bounded by sock_conn_timeout per member for
    // the connect and by HandshakeDeadlineTcp for the handshake (which JGroups does not bound).
    BasicTCP tcp = config.tls().enabled() ? new HandshakeDeadlineTcp() : new ConnectDeadlineTcpNio2();
    tcp.setBindAddress(endpoints.bindAddress());
    tcp.setBindPort(endpoints.bindPort());
    tcp.setPortRange(0);
    tcp.tcpNodelay(true);
    tcp.setMaxLength(MAX_FRAME);
    // Idle pool threads end after 5 s instead of JGroups' 30 s: heartbeats and MERGE3 keep a 30 s pool
    // at its burst size forever (each thread holds a stack and its malloc state, ~100 KB resident);
    // re-creating one after a quiet 5 s costs tens of microseconds. min_threads stays 0, max 200.
    tcp.getThreadPool().setKeepAliveTime(THREAD_POOL_KEEP_ALIVE_MS);
    tcp.setSockConnTimeout(connectTimeoutMs(config));
    if (endpoints.needsExternalAddress()) {
      tcp.setExternalAddr(endpoints.advertiseAddress());
      if (endpoints.advertisePort() != 0) {
        tcp.setExternalPort(endpoints.advertisePort());
      }
    }
    if (config.tls().enabled()) {
      PeerTls.create(config.tls(), config.knownPeers()).applyTo((TCP) tcp);
      // TCP writes block when the socket's send buffer is full, and a multicast writes to every
      // member in turn: bytes sent to a member that vanished pile up unacknowledged, and once they
      // fill the buffer (16 KiB on a fresh Linux connection) the multicast thread waits for TCP to
      // give up (minutes), holding the connection's lock, so even the view that removes the member
      // cannot close it (found by NetnsClusterTest, a link cut right after a merge). A larger
      // buffer bounds that by volume: it takes TLS_SEND_BUFFER bytes in flight to a vanished
      // member, before failure detection removes it, to stall. TCP_NIO2 never blocks on a write.
      tcp.setSendBufSize(TLS_SEND_BUFFER);
    }

    TCPPING ping = Discovery.joinPing(DISCOVERY_RESEND);
    ping.setPortRange(0);
    ping.setInitialHosts(initialHosts);
    // A known peer that is not the coordinator must tell the joiner who is: without this, a joiner
    // that lists only some members retries JOIN until it gives up and forms a cluster of its own.
    ping.returnEntireCache(true);

    Merge3Timing timing = Merge3Timing.of(config);
    MERGE3 merge = new MERGE3();
    // Order matters: setMinInterval checks the *old* min against the old max (1 s < 10 s), and
    // setMaxInterval recomputes check_interval, so min, then max, then check.
    merge.setMinInterval(timing.minInterval());
    merge.setMaxInterval(timing.maxInterval());
    merge.setCheckInterval(timing.checkInterval());

    FD_SOCK2 fdSock = new BoundedFdSock2();
    fdSock.setOffset(FD_SOCK_OFFSET);
    fdSock.setBindAddress(endpoints.bindAddress());
    if (endpoints.needsExternalAddress()) {
      fdSock.setExternalAddress(endpoints.advertiseAddress());
    }

    FD_ALL3 fdAll = new FD_ALL3();
    fdAll.setInterval(config.probeInterval().toMillis());
    fdAll.setTimeout(config.failureDetectionTimeout().toMillis());

    VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2();
    verify.setTimeout(config.probeTimeout().toMillis());

    // Retransmission requests go out only for gaps, so checking often costs nothing while nothing
    // is lost; JGroups' 1 s (NAKACK2) and 500 ms (UNICAST3) made every lost message, e.g. a merge
    // exchange sent while connections were re-established after a partition, that much later.
    long xmit = Math.max(50, config.probeTimeout().toMillis() / 5);
    NAKACK2 nakack = new NAKACK2();
    nakack.useMcastXmit(false);
    nakack.setXmitInterval(xmit);
    // A lost *last* broadcast of a sender leaves no gap to notice; NAKACK2 re-announces the last
    // seqno once by default, which a lossy link loses too. Five announcements, one per xmit_interval
    // and only while the sender is idle, make the tail reliable in about half a second.
    nakack.setResendLastSeqnoMaxTimes(5);
    UNICAST3 unicast = new UNICAST3();
    unicast.setXmitInterval(xmit);
    // The backstop for a lost tail whose re-announcements were lost too: NAKACK2 asks for
    // retransmission when stability digests show a sender ahead of what was received. JGroups'
    // 20 s gossip made that 40 s or more (two rounds); 5 probe intervals, at least 1 s, costs one
    // small message per member per round.
    STABLE stable = new STABLE();
    stable.setDesiredAverageGossip(Math.max(1000, 5 * config.probeInterval().toMillis()));

    GMS gms = new GMS();
    gms.setJoinTimeout(config.joinTimeout().toMillis());
    // A merge round takes milliseconds; its timeout only matters when a participant vanished
    // meanwhile (a member that just left), and the view handler holds every join and leave until
    // then. JGroups' 5 s stalled leaves; 4 probe timeouts (2 s by default), at least 1 s.
    gms.setMergeTimeout(Math.max(1000, 4 * config.probeTimeout().toMillis()));
    // After a merge in which one subgroup's view still listed the merge leader (a peer paused past
    // failure detection keeps its old view), that subgroup's coordinator installs the merge view on
    // the thread that delivers the leader's messages and waits there for view acks, the leader's
    // among them, which queue behind it: every such merge stalled the leader's traffic, and with it
    // the merge's state exchange, for JGroups' 2 s. Acks arrive in milliseconds otherwise; wait at
    // most the probe timeout (500 ms by default), at least 100 ms.
    gms.setViewAckCollectionTimeout(Math.max(100, config.probeTimeout().toMillis()));
    gms.printLocalAddress(false);

    List<Protocol> list = new ArrayList<>();
    list.add(tcp);
    list.add(ping);
    list.add(new MergeGuard());
    list.add(merge);
    list.add(fdSock);
    list.add(fdAll);
    list.add(verify);
    list.add(nakack);
    list.add(unicast);
    list.add(stable);
    list.add(new MergeCollisions());
    list.add(gms);
    list.add(new UFC());
    list.add(new CountingMFC());
    list.add(new FRAG4());
    return list;
  }

  /**
   * The transport's connect timeout ({@code sock_conn_timeout}), in ms: {@code probeTimeout} (which
   * is documented as about the p99 round-trip time; a connect takes one), at most
   * {@code tcpTimeout} and 2 s, at least 100 ms. 300 ms with the loopback preset, 500 ms with the
   * defaults. Why short: a connect whose SYN was lost (a link cut, a partition) is otherwise retried
   * by the kernel only 1 s, 3 s, 7 s… after it began, and every message to that address waits for
   * it; given up at this timeout, the next message dials again at once, so after links come back a
   * member is reachable again within about this timeout. With TLS (blocking {@code TCP}) it is also
   * the longest a multicast waits per unreachable member that has no connection; heartbeats are
   * then late by up to {@code k × timeout} for {@code k} such members, which must stay well below
   * {@code failureDetectionTimeout - probeInterval}.
   *
   * @param config the configuration
   * @return the timeout in ms
   */
  static int connectTimeoutMs(ClusterConfig config) {
    long ms = Math.min(config.probeTimeout().toMillis(), config.tcpTimeout().toMillis());
    return (int) Math.max(MIN_CONNECT_TIMEOUT_MS, Math.min(MAX_CONNECT_TIMEOUT_MS, ms));
  }

  /**
   * This peer is leaving: from now on its stack takes no further part in merge detection or merges
   * ({@link MergeGuard#leaving}). No-op on a stack from {@code stackConfig}.
   *
   * @param channel the peer's channel
   */
  public static void leaving(JChannel channel) {
    MergeGuard guard = channel.getProtocolStack().findProtocol(MergeGuard.class);
    if (guard != null) {
      guard.leaving();
    }
  }

  /**
   * Drops merge-detection messages from a member that said goodbye ({@link MergeGuard#ignore}).
   * No-op on a stack from {@code stackConfig}.
   *
   * @param channel the peer's channel
   * @param leaver the member that said goodbye
   */
  public static void ignoreMerges(JChannel channel, Address leaver) {
    MergeGuard guard = channel.getProtocolStack().findProtocol(MergeGuard.class);
    if (guard != null) {
      guard.ignore(leaver);
    }
  }

  /**
   * How many MERGE events {@link MergeCollisions} held back for a lower coordinator since start.
   *
   * @param channel the peer's channel
   * @return the count, or -1 on a stack from {@code stackConfig}
   */
  public static long mergesHeldBack(JChannel channel) {
    MergeCollisions mc = channel.getProtocolStack().findProtocol(MergeCollisions.class);
    return mc == null ? -1 : mc.heldBack();
  }

  /**
   * How many {@code DONT_BLOCK} multicasts flow control dropped for lack of credits
   * ({@link CountingMFC}).
   *
   * @param channel the peer's channel
   * @return the count, or -1 on a stack from {@code stackConfig} (no CountingMFC)
   */
  public static long droppedForCredits(JChannel channel) {
    CountingMFC mfc = channel.getProtocolStack().findProtocol(CountingMFC.class);
    return mfc == null ? -1 : mfc.droppedForCredits();
  }

  /**
   * Asks the OS for a free port on {@code endpoints}' bind address. The built-in stack discovers
   * peers with TCPPING, a static discovery, and JGroups refuses {@code bind_port=0} with it; so port 0
   * is resolved here, and the caller retries with a new port in the unlikely case another process
   * takes it before JGroups binds.
   *
   * @param endpoints the endpoints with bind port 0
   * @return the endpoints with a concrete, currently free bind port
   * @throws IOException if no port can be bound
   */
  public static Endpoints pickFreePort(Endpoints endpoints)
      throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(endpoints.bindAddress(), 0));
      int port = probe.getLocalPort();
      return new Endpoints(endpoints.bindAddress(), port,
          endpoints.advertiseAddress(), endpoints.advertisePort());
    }
  }
}
