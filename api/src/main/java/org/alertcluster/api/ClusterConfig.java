package org.alertcluster.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Peer} needs to know, as one immutable value. Build it with {@link #builder()};
 * every field has a default mirroring Alertmanager's {@code --cluster.*} flag of the same meaning, and
 * {@link Builder#build()} rejects invalid values with a message naming the field.
 *
 * <p>Timings, and how they combine with defaults:
 * <ul>
 *   <li>A killed process is out of the others' view in about {@code probeTimeout} (its sockets close
 *       and the failure is verified); a hung or cut-off one in about
 *       {@code failureDetectionTimeout + probeTimeout} = 5.5 s. Alertmanager: 5–6 s for both.</li>
 *   <li>A joining peer asks every known peer who the coordinator is and goes on as soon as each
 *       has answered (a few milliseconds on a LAN); only known peers that neither answer nor ask
 *       (down, unreachable) make it wait, at most {@code joinTimeout} (2 s). Peers started together
 *       elect the lowest address as coordinator and join it 100 ms later: one cluster within a few
 *       hundred milliseconds of the last start.</li>
 *   <li>A peer is ready once its join exchange is done and the membership has stopped changing:
 *       every known peer is a member (at once, once a State is registered), or no view change for
 *       {@code settleStablePolls × settleInterval} (3 × 1 s). Replicas that list each other are
 *       ready within about a second of the last start, where Alertmanager needs at least 10 s.</li>
 *   <li>Partitioned subgroups, a peer resumed after a pause and peers that started together as
 *       clusters of one find each other within about {@code 0.7 × min(probeInterval,
 *       reconnectInterval)} (0.7 s with the defaults) and merge; every member then exchanges full
 *       state with each member it was apart from.</li>
 * </ul>
 *
 * <p>In OSGi the same fields are configuration properties of the factory PID
 * {@code org.alertcluster.peer} (durations in milliseconds); see the impl bundle's metatype.
 */
public final class ClusterConfig {

  /** Default {@link #clusterName()}: {@value}. */
  public static final String DEFAULT_CLUSTER_NAME = "alertcluster";
  /** Default {@link #bindAddress()}: {@value}, Alertmanager's {@code --cluster.listen-address}. */
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0:9094";
  /** Longest {@link #clusterName()}, in UTF-8 bytes: {@value} (Alertmanager's label limit). */
  public static final int MAX_CLUSTER_NAME_BYTES = 255;

  private final String clusterName;
  private final String bindAddress;
  /** The prefix of a known peer given as a DNS SRV name: {@value}. */
  public static final String SRV_PREFIX = "dnssrv+";

  private final String advertiseAddress;
  private final List<String> knownPeers;
  private final String nodeName;
  private final Duration pushPullInterval;
  private final Duration settleInterval;
  private final int settleStablePolls;
  private final Duration settleTimeout;
  private final Duration reconnectInterval;
  private final Duration reconnectTimeout;
  private final Duration peerTimeout;
  private final Duration dnsRefreshInterval;
  private final Duration resolveTimeout;
  private final Duration tcpTimeout;
  private final Duration joinTimeout;
  private final Duration probeInterval;
  private final Duration probeTimeout;
  private final Duration failureDetectionTimeout;
  private final int oversizedMessageThreshold;
  private final int oversizedQueueCapacity;
  private final int sendQueueCapacity;
  private final String stackConfig;
  private final TlsConfig tls;

  private ClusterConfig(Builder b) {
    this.clusterName = b.clusterName;
    this.bindAddress = b.bindAddress;
    this.advertiseAddress = b.advertiseAddress;
    this.knownPeers = List.copyOf(b.knownPeers);
    this.nodeName = b.nodeName;
    this.pushPullInterval = b.pushPullInterval;
    this.settleInterval = b.settleInterval;
    this.settleStablePolls = b.settleStablePolls;
    this.settleTimeout = b.settleTimeout;
    this.reconnectInterval = b.reconnectInterval;
    this.reconnectTimeout = b.reconnectTimeout;
    this.peerTimeout = b.peerTimeout;
    this.dnsRefreshInterval = b.dnsRefreshInterval;
    this.resolveTimeout = b.resolveTimeout;
    this.tcpTimeout = b.tcpTimeout;
    this.joinTimeout = b.joinTimeout;
    this.probeInterval = b.probeInterval;
    this.probeTimeout = b.probeTimeout;
    this.failureDetectionTimeout = b.failureDetectionTimeout;
    this.oversizedMessageThreshold = b.oversizedMessageThreshold;
    this.oversizedQueueCapacity = b.oversizedQueueCapacity;
    this.sendQueueCapacity = b.sendQueueCapacity;
    this.stackConfig = b.stackConfig;
    this.tls = b.tls;
  }

  /**
   * A builder holding every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration with every default. Binds {@code 0.0.0.0:9094}.
   *
   * @return the default configuration
   */
  public static ClusterConfig defaults() {
    return builder().build();
  }

  /**
   * A builder preset for peers on one machine talking over loopback (tests, demos), after
   * memberlist's {@code DefaultLocalConfig}: bound to {@code 127.0.0.1} on a port the OS picks, and
   * timings shortened because loopback has no latency and no lost packets. Every other field keeps
   * its default. Not for a real network: a busy host would see its peers as failed.
   *
   * <pre>{@code
   * Peer a = Peers.create(ClusterConfig.loopback().clusterName("test").build());
   * Peer b = Peers.create(ClusterConfig.loopback().clusterName("test")
   *     .knownPeers(List.of(a.self().address())).build());
   * }</pre>
   *
   * @return a new builder with the loopback values
   */
  public static Builder loopback() {
    return builder()
        .bindAddress("127.0.0.1:0")                         // loopback only; the OS picks the port
        .joinTimeout(Duration.ofMillis(500))                // a known peer that is down costs 0.5 s
        .settleInterval(Duration.ofMillis(100))             // quiet period 2 x 100 ms...
        .settleStablePolls(2)                               // ...unless every known peer is a member
        .settleTimeout(Duration.ofSeconds(15))              // READY_AFTER_TIMEOUT well before a test times out
        .probeInterval(Duration.ofMillis(200))              // verify a suspect every 200 ms
        .probeTimeout(Duration.ofMillis(300))               // a killed peer is out in about 0.3 s
        // A hung peer is out after 4 s: generous, so that 2 busy cores do not suspect live peers
        // (a crash closes its sockets and is caught at once anyway).
        .failureDetectionTimeout(Duration.ofSeconds(4))
        .reconnectInterval(Duration.ofSeconds(1))           // healed partitions merge within ~1 s
        .tcpTimeout(Duration.ofSeconds(3))                  // an exchange answers in ms on loopback
        .resolveTimeout(Duration.ofSeconds(2));             // known peers are IP literals here
  }

  /**
   * A builder initialised with this configuration's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The cluster's name: Alertmanager's {@code --cluster.label}. Peers join, and exchange state, only
   * with peers of the same name; the transport drops traffic carrying another name. Give each
   * independent cluster that could reach another (shared hosts, reused pod IPs) its own name.
   * Default {@value #DEFAULT_CLUSTER_NAME}; 1 to {@value #MAX_CLUSTER_NAME_BYTES} UTF-8 bytes.
   *
   * @return the cluster name
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * Where to listen, {@code host:port}: Alertmanager's {@code --cluster.listen-address}. One TCP port
   * carries everything (membership, updates, full states); failure detection opens a second TCP port
   * chosen by the OS. Port 0 lets the OS pick (tests). Default {@value #DEFAULT_BIND_ADDRESS}: all
   * interfaces, advertising the first site-local address unless {@link #advertiseAddress()} is set.
   *
   * @return the bind address
   */
  public String bindAddress() {
    return bindAddress;
  }

  /**
   * The address other peers should use to reach this one, {@code host:port} or a host alone, which
   * takes the port this peer binds (as memberlist's advertise address and JGroups'
   * {@code external_addr} do): Alertmanager's {@code --cluster.advertise-address}. Needed behind NAT
   * or port mapping. IPv6 literals go in brackets: {@code [fd00::5]:9094} or {@code [fd00::5]}.
   * Unlike Alertmanager a host name is accepted; it is resolved once at start. Default empty: the
   * bind address, or when that is a wildcard, the first site-local (private) address of this
   * machine.
   *
   * @return the advertise address, or an empty string
   */
  public String advertiseAddress() {
    return advertiseAddress;
  }

  /**
   * Peers to contact when joining, each {@code host:port} or {@code dnssrv+NAME}: Alertmanager's
   * repeatable {@code --cluster.peer}. A host name stands for every address it resolves to (a
   * Kubernetes headless service, say); {@code dnssrv+NAME} (Prometheus' convention) for every target
   * and port of NAME's DNS SRV records, e.g. {@code dnssrv+_cluster._tcp.am.monitoring.svc}. Both are
   * resolved again every {@link #dnsRefreshInterval()} so that new addresses are found. Listing this
   * peer itself is harmless. Default empty: a cluster of one until others join it.
   *
   * @return the known peers, immutable
   */
  public List<String> knownPeers() {
    return knownPeers;
  }

  /**
   * This peer's name: Alertmanager's {@code --cluster.peer-name}. Names order the members for
   * {@link Peer#position()}, so a fixed name keeps a replica's position across restarts. Default
   * empty: a generated 26-character name that is unique and sorts by start time, so the oldest replica
   * is position 0 (and a restarted one moves to the end).
   *
   * @return the node name, or an empty string for a generated one
   */
  public String nodeName() {
    return nodeName;
  }

  /**
   * Period of anti-entropy: every interval, this peer exchanges full state in both directions with one
   * random member, repairing any update that was lost (pruned queue, partition). Alertmanager's
   * {@code --cluster.pushpull-interval}, default 1 minute. Lower converges faster after a loss at the
   * cost of {@code clusterSize × stateSize / interval} bytes per second of cluster-wide traffic.
   *
   * @return the push-pull interval, positive
   */
  public Duration pushPullInterval() {
    return pushPullInterval;
  }

  /**
   * The unit of the settle quiet period, and how often a join exchange that failed is retried.
   * Alertmanager polls every 10 × gossip interval (2 s) and needs 5 polls; here readiness is
   * decided on events (view changes, exchange results), and a peer is ready when its join exchange
   * is done and either every known peer is a member or the view has not changed for
   * {@code settleStablePolls × settleInterval}. Default 1 second. Shorter means a peer whose known
   * peers are not all present (a lone first peer, a known peer down) is ready sooner, but a
   * membership still forming is more likely to look stable.
   *
   * @return the settle interval, positive
   */
  public Duration settleInterval() {
    return settleInterval;
  }

  /**
   * How many settle intervals the membership must stay unchanged (after the join exchange) before
   * the peer is {@link PeerStatus#READY}, unless every known peer is already a member. Default 3,
   * as Alertmanager's {@code NumOkayRequired}. Quiet period = {@code settleStablePolls ×
   * settleInterval} (3 s), counted from the last view change.
   *
   * @return stable intervals required, at least 1
   */
  public int settleStablePolls() {
    return settleStablePolls;
  }

  /**
   * The longest the peer stays {@link PeerStatus#SETTLING}: after this it becomes
   * {@link PeerStatus#READY_AFTER_TIMEOUT} and says so in its log. Alertmanager's
   * {@code --cluster.settle-timeout}, default 1 minute. Zero makes the peer ready at once (tests).
   *
   * @return the settle timeout, zero or positive
   */
  public Duration settleTimeout() {
    return settleTimeout;
  }

  /**
   * The longest period between attempts to reach failed peers and lost subgroups again (JGroups
   * MERGE3 discovery rounds; failed peers' addresses stay in discovery). Alertmanager's
   * {@code --cluster.reconnect-interval}, default 10 seconds. The rounds actually run every
   * {@code 0.075–0.3 × min(probeInterval, reconnectInterval)} (75–300 ms with the defaults) and
   * their results are checked every {@code 0.4 × min(…)}, so a partition heals, and peers started
   * together become one cluster, within about a second; this field only slows that down when set
   * below {@link #probeInterval()}.
   *
   * @return the reconnect interval, positive
   */
  public Duration reconnectInterval() {
    return reconnectInterval;
  }

  /**
   * How long a failed peer is retried before it is forgotten (no longer counted in
   * {@link ClusterMetric#FAILED_PEERS}, no longer probed). Alertmanager's
   * {@code --cluster.reconnect-timeout}, default 6 hours; the Prometheus operator uses 5 minutes.
   *
   * @return the reconnect timeout, positive
   */
  public Duration reconnectTimeout() {
    return reconnectTimeout;
  }

  /**
   * Alertmanager's {@code --cluster.peer-timeout}, default 15 seconds: how long a host waits per
   * position before notifying ({@code position × peerTimeout}). The peer does not use it; it travels
   * here so all replicas are configured from one place. It must exceed the time an update takes to
   * reach every member (milliseconds on a LAN).
   *
   * @return the per-position wait, positive
   */
  public Duration peerTimeout() {
    return peerTimeout;
  }

  /**
   * How often host names in {@link #knownPeers()} are resolved again, so that new addresses (a
   * scaled-up StatefulSet) are contacted. Alertmanager: 15 seconds, fixed; default the same.
   *
   * @return the DNS refresh interval, positive
   */
  public Duration dnsRefreshInterval() {
    return dnsRefreshInterval;
  }

  /**
   * The longest one resolution of {@link #knownPeers()} may take; a name that does not resolve in time
   * is retried at the next refresh. Alertmanager's {@code --cluster.peers-resolve-timeout}, default
   * 15 seconds.
   *
   * @return the resolve timeout, positive
   */
  public Duration resolveTimeout() {
    return resolveTimeout;
  }

  /**
   * The longest a full-state exchange waits for the other side's answer. Alertmanager's
   * {@code --cluster.tcp-timeout}, default 10 seconds. Large states on slow links need more. It
   * also caps the transport's connect timeout (see {@link #probeTimeout()}).
   *
   * @return the exchange timeout, positive
   */
  public Duration tcpTimeout() {
    return tcpTimeout;
  }

  /**
   * The longest a joining peer waits for its known peers to answer before it forms a cluster of its
   * own (JGroups GMS {@code join_timeout}; discovery requests are re-sent every 200 ms of it).
   * Default 2 seconds. The wait ends as soon as every known peer has answered or asked itself, so
   * this only matters when a known peer is down or unreachable: then a first start waits this long.
   * Too short and a peer whose known peers answer slowly forms a cluster of its own first (clusters
   * merge within about a second, see {@link #reconnectInterval()}); too long delays a start while a
   * known peer is down.
   *
   * @return the join timeout, positive
   */
  public Duration joinTimeout() {
    return joinTimeout;
  }

  /**
   * Interval between heartbeats (JGroups FD_ALL3 {@code interval}). Alertmanager's
   * {@code --cluster.probe-interval}, default 1 second. Must be below
   * {@link #failureDetectionTimeout()}. It also paces merge detection (JGroups MERGE3: info rounds
   * every 0.075–0.3 × this, checked every 0.4 × this, see {@link #reconnectInterval()}): raise it
   * for less background traffic and slower healing.
   *
   * @return the heartbeat interval, positive
   */
  public Duration probeInterval() {
    return probeInterval;
  }

  /**
   * How long a suspected member gets to answer a direct check before it is removed (JGroups
   * VERIFY_SUSPECT2 {@code timeout}). Alertmanager's {@code --cluster.probe-timeout}, default 500 ms;
   * set it to about the p99 round-trip time.
   *
   * <p>It is also the transport's connect timeout (JGroups {@code sock_conn_timeout}), at least
   * 100 ms and at most {@code min(tcpTimeout, 2 s)}: a connect takes one round trip, and one that
   * got no answer in that time (its SYN lost to a cut link) is given up and dialled again at once,
   * rather than waiting for the kernel's SYN retransmission 1 s, 3 s, 7 s… later; so after a
   * partition heals, members reach each other again within about this timeout. Too short for the
   * network's round trip and connects never complete. With {@link #tls()} enabled the transport
   * connects synchronously (JGroups' TLS exists only for its blocking {@code TCP} transport): a
   * broadcast then waits up to this timeout for a member that vanished without its connection
   * being open, and up to three times this timeout for a paused member (its kernel accepts the
   * connect; the TLS handshake is then given up), once per such member (after that it is dialled
   * off the sending thread), so heartbeats can be late by {@code 3k × timeout} for {@code k}
   * members vanishing at once; keep {@code probeInterval + 3k × timeout} well below
   * {@link #failureDetectionTimeout()} (defaults: 1 s + k × 1.5 s stays below 5 s up to k = 2).
   * That transport's writes block too, when a vanished member's socket send buffer is full: a
   * connection on which no write completed for {@code (failureDetectionTimeout - probeInterval) / 2}
   * is closed. Without TLS neither connects nor writes ever hold a broadcast.
   *
   * @return the verify timeout, positive
   */
  public Duration probeTimeout() {
    return probeTimeout;
  }

  /**
   * How long without any heartbeat or message before a member is suspected (JGroups FD_ALL3
   * {@code timeout}); a crashed process is usually detected sooner, when its sockets close. Default
   * 5 seconds, about Alertmanager's suspicion timeout with defaults. Lower detects hung peers faster
   * but risks evicting one in a long GC pause.
   *
   * @return the failure detection timeout, greater than {@link #probeInterval()}
   */
  public Duration failureDetectionTimeout() {
    return failureDetectionTimeout;
  }

  /**
   * Broadcasts whose envelope exceeds this many bytes go through the oversized queue and sender, so
   * that a large update cannot hold up small ones. Alertmanager uses 700 bytes because of its UDP
   * packets; here JGroups fragments any size, so the default is 64 KiB: ordinary silences and log
   * entries stay on the fast path, and only bulk updates are separated.
   *
   * @return the threshold in bytes, positive
   */
  public int oversizedMessageThreshold() {
    return oversizedMessageThreshold;
  }

  /**
   * Capacity of the oversized queue; a new oversized broadcast finding it full is dropped and counted.
   * Default 200, as Alertmanager's buffer. Memory held at worst:
   * {@code oversizedQueueCapacity × largest message}.
   *
   * @return the oversized queue capacity, positive
   */
  public int oversizedQueueCapacity() {
    return oversizedQueueCapacity;
  }

  /**
   * Capacity of the ordinary send queue; when full, the oldest queued message is pruned and counted.
   * Default 4096, Alertmanager's (fixed) limit. The queue only fills when the network or a peer cannot
   * keep up.
   *
   * @return the send queue capacity, positive
   */
  public int sendQueueCapacity() {
    return sendQueueCapacity;
  }

  /**
   * For experts: a JGroups XML stack file to use instead of the built-in TCP stack. The bind address,
   * discovery and timing fields above are then ignored in favour of the file, except
   * {@link #clusterName()}. Default empty (built-in stack).
   *
   * @return a file path, or an empty string
   */
  public String stackConfig() {
    return stackConfig;
  }

  /**
   * TLS between peers: Alertmanager's {@code --cluster.tls-config}. Default
   * {@link TlsConfig#DISABLED}: plaintext, and anyone who can reach the cluster port with the same
   * {@link #clusterName()} can join and change state. When enabled, mutual TLS by default; see
   * {@link TlsConfig}. Ignored with {@link #stackConfig()} (configure TLS in the file).
   *
   * @return the TLS configuration, never null
   */
  public TlsConfig tls() {
    return tls;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ClusterConfig c)) {
      return false;
    }
    return settleStablePolls == c.settleStablePolls
        && oversizedMessageThreshold == c.oversizedMessageThreshold
        && oversizedQueueCapacity == c.oversizedQueueCapacity
        && sendQueueCapacity == c.sendQueueCapacity
        && clusterName.equals(c.clusterName)
        && bindAddress.equals(c.bindAddress)
        && advertiseAddress.equals(c.advertiseAddress)
        && knownPeers.equals(c.knownPeers)
        && nodeName.equals(c.nodeName)
        && pushPullInterval.equals(c.pushPullInterval)
        && settleInterval.equals(c.settleInterval)
        && settleTimeout.equals(c.settleTimeout)
        && reconnectInterval.equals(c.reconnectInterval)
        && reconnectTimeout.equals(c.reconnectTimeout)
        && peerTimeout.equals(c.peerTimeout)
        && dnsRefreshInterval.equals(c.dnsRefreshInterval)
        && resolveTimeout.equals(c.resolveTimeout)
        && tcpTimeout.equals(c.tcpTimeout)
        && joinTimeout.equals(c.joinTimeout)
        && probeInterval.equals(c.probeInterval)
        && probeTimeout.equals(c.probeTimeout)
        && failureDetectionTimeout.equals(c.failureDetectionTimeout)
        && stackConfig.equals(c.stackConfig)
        && tls.equals(c.tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusterName, bindAddress, advertiseAddress, knownPeers, nodeName,
        pushPullInterval, settleInterval, settleStablePolls, settleTimeout, reconnectInterval,
        reconnectTimeout, peerTimeout, dnsRefreshInterval, resolveTimeout, tcpTimeout, joinTimeout,
        probeInterval, probeTimeout, failureDetectionTimeout, oversizedMessageThreshold,
        oversizedQueueCapacity, sendQueueCapacity, stackConfig, tls);
  }

  @Override
  public String toString() {
    return "ClusterConfig{clusterName=" + clusterName + ", bindAddress=" + bindAddress
        + ", advertiseAddress=" + advertiseAddress + ", knownPeers=" + knownPeers
        + ", nodeName=" + nodeName + ", pushPullInterval=" + pushPullInterval
        + ", settleInterval=" + settleInterval + ", settleStablePolls=" + settleStablePolls
        + ", settleTimeout=" + settleTimeout + ", reconnectInterval=" + reconnectInterval
        + ", reconnectTimeout=" + reconnectTimeout + ", peerTimeout=" + peerTimeout
        + ", dnsRefreshInterval=" + dnsRefreshInterval + ", resolveTimeout=" + resolveTimeout
        + ", tcpTimeout=" + tcpTimeout + ", joinTimeout=" + joinTimeout
        + ", probeInterval=" + probeInterval + ", probeTimeout=" + probeTimeout
        + ", failureDetectionTimeout=" + failureDetectionTimeout
        + ", oversizedMessageThreshold=" + oversizedMessageThreshold
        + ", oversizedQueueCapacity=" + oversizedQueueCapacity
        + ", sendQueueCapacity=" + sendQueueCapacity + ", stackConfig=" + stackConfig
        + ", tls=" + tls + '}';
  }

  /**
   * Collects values for a {@link ClusterConfig}; starts with every default. Setters check only for
   * {@code null}; {@link #build()} checks everything else, so a configuration read from flags or
   * ConfigAdmin reports every mistake by field name.
   */
  public static final class Builder {
    private String clusterName = DEFAULT_CLUSTER_NAME;
    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private String advertiseAddress = "";
    private List<String> knownPeers = List.of();
    private String nodeName = "";
    private Duration pushPullInterval = Duration.ofMinutes(1);
    private Duration settleInterval = Duration.ofSeconds(1);
    private int settleStablePolls = 3;
    private Duration settleTimeout = Duration.ofMinutes(1);
    private Duration reconnectInterval = Duration.ofSeconds(10);
    private Duration reconnectTimeout = Duration.ofHours(6);
    private Duration peerTimeout = Duration.ofSeconds(15);
    private Duration dnsRefreshInterval = Duration.ofSeconds(15);
    private Duration resolveTimeout = Duration.ofSeconds(15);
    private Duration tcpTimeout = Duration.ofSeconds(10);
    private Duration joinTimeout = Duration.ofSeconds(2);
    private Duration probeInterval = Duration.ofSeconds(1);
    private Duration probeTimeout = Duration.ofMillis(500);
    private Duration failureDetectionTimeout = Duration.ofSeconds(5);
    private int oversizedMessageThreshold = 64 * 1024;
    private int oversizedQueueCapacity = 200;
    private int sendQueueCapacity = 4096;
    private String stackConfig = "";
    private TlsConfig tls = TlsConfig.DISABLED;

    private Builder() {}

    private Builder(ClusterConfig c) {
      clusterName = c.clusterName;
      bindAddress = c.bindAddress;
      advertiseAddress = c.advertiseAddress;
      knownPeers = c.knownPeers;
      nodeName = c.nodeName;
      pushPullInterval = c.pushPullInterval;
      settleInterval = c.settleInterval;
      settleStablePolls = c.settleStablePolls;
      settleTimeout = c.settleTimeout;
      reconnectInterval = c.reconnectInterval;
      reconnectTimeout = c.reconnectTimeout;
      peerTimeout = c.peerTimeout;
      dnsRefreshInterval = c.dnsRefreshInterval;
      resolveTimeout = c.resolveTimeout;
      tcpTimeout = c.tcpTimeout;
      joinTimeout = c.joinTimeout;
      probeInterval = c.probeInterval;
      probeTimeout = c.probeTimeout;
      failureDetectionTimeout = c.failureDetectionTimeout;
      oversizedMessageThreshold = c.oversizedMessageThreshold;
      oversizedQueueCapacity = c.oversizedQueueCapacity;
      sendQueueCapacity = c.sendQueueCapacity;
      stackConfig = c.stackConfig;
      tls = c.tls;
    }

    /** @param v see {@link ClusterConfig#clusterName()} @return this builder */
    public Builder clusterName(String v) {
      clusterName = Objects.requireNonNull(v, "clusterName");
      return this;
    }

    /** @param v see {@link ClusterConfig#bindAddress()} @return this builder */
    public Builder bindAddress(String v) {
      bindAddress = Objects.requireNonNull(v, "bindAddress");
      return this;
    }

    /** @param v see {@link ClusterConfig#advertiseAddress()} @return this builder */
    public Builder advertiseAddress(String v) {
      advertiseAddress = Objects.requireNonNull(v, "advertiseAddress");
      return this;
    }

    /** @param v see {@link ClusterConfig#knownPeers()} @return this builder */
    public Builder knownPeers(List<String> v) {
      Objects.requireNonNull(v, "knownPeers");
      knownPeers = new ArrayList<>(v);
      return this;
    }

    /** @param v see {@link ClusterConfig#nodeName()} @return this builder */
    public Builder nodeName(String v) {
      nodeName = Objects.requireNonNull(v, "nodeName");
      return this;
    }

    /** @param v see {@link ClusterConfig#pushPullInterval()} @return this builder */
    public Builder pushPullInterval(Duration v) {
      pushPullInterval = Objects.requireNonNull(v, "pushPullInterval");
      return this;
    }

    /** @param v see {@link ClusterConfig#settleInterval()} @return this builder */
    public Builder settleInterval(Duration v) {
      settleInterval = Objects.requireNonNull(v, "settleInterval");
      return this;
    }

    /** @param v see {@link ClusterConfig#settleStablePolls()} @return this builder */
    public Builder settleStablePolls(int v) {
      settleStablePolls = v;
      return this;
    }

    /** @param v see {@link ClusterConfig#settleTimeout()} @return this builder */
    public Builder settleTimeout(Duration v) {
      settleTimeout = Objects.requireNonNull(v, "settleTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#reconnectInterval()} @return this builder */
    public Builder reconnectInterval(Duration v) {
      reconnectInterval = Objects.requireNonNull(v, "reconnectInterval");
      return this;
    }

    /** @param v see {@link ClusterConfig#reconnectTimeout()} @return this builder */
    public Builder reconnectTimeout(Duration v) {
      reconnectTimeout = Objects.requireNonNull(v, "reconnectTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#peerTimeout()} @return this builder */
    public Builder peerTimeout(Duration v) {
      peerTimeout = Objects.requireNonNull(v, "peerTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#dnsRefreshInterval()} @return this builder */
    public Builder dnsRefreshInterval(Duration v) {
      dnsRefreshInterval = Objects.requireNonNull(v, "dnsRefreshInterval");
      return this;
    }

    /** @param v see {@link ClusterConfig#resolveTimeout()} @return this builder */
    public Builder resolveTimeout(Duration v) {
      resolveTimeout = Objects.requireNonNull(v, "resolveTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#tcpTimeout()} @return this builder */
    public Builder tcpTimeout(Duration v) {
      tcpTimeout = Objects.requireNonNull(v, "tcpTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#joinTimeout()} @return this builder */
    public Builder joinTimeout(Duration v) {
      joinTimeout = Objects.requireNonNull(v, "joinTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#probeInterval()} @return this builder */
    public Builder probeInterval(Duration v) {
      probeInterval = Objects.requireNonNull(v, "probeInterval");
      return this;
    }

    /** @param v see {@link ClusterConfig#probeTimeout()} @return this builder */
    public Builder probeTimeout(Duration v) {
      probeTimeout = Objects.requireNonNull(v, "probeTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#failureDetectionTimeout()} @return this builder */
    public Builder failureDetectionTimeout(Duration v) {
      failureDetectionTimeout = Objects.requireNonNull(v, "failureDetectionTimeout");
      return this;
    }

    /** @param v see {@link ClusterConfig#oversizedMessageThreshold()} @return this builder */
    public Builder oversizedMessageThreshold(int v) {
      oversizedMessageThreshold = v;
      return this;
    }

    /** @param v see {@link ClusterConfig#oversizedQueueCapacity()} @return this builder */
    public Builder oversizedQueueCapacity(int v) {
      oversizedQueueCapacity = v;
      return this;
    }

    /** @param v see {@link ClusterConfig#sendQueueCapacity()} @return this builder */
    public Builder sendQueueCapacity(int v) {
      sendQueueCapacity = v;
      return this;
    }

    /** @param v see {@link ClusterConfig#stackConfig()} @return this builder */
    public Builder stackConfig(String v) {
      stackConfig = Objects.requireNonNull(v, "stackConfig");
      return this;
    }

    /**
     * @param v see {@link ClusterConfig#tls()}; already validated by {@link TlsConfig.Builder#build()}
     * @return this builder
     */
    public Builder tls(TlsConfig v) {
      tls = Objects.requireNonNull(v, "tls");
      return this;
    }

    /**
     * Checks every field ({@code ClusterConfigChecks} holds the rules) and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the first invalid field, its value and what is expected
     */
    public ClusterConfig build() {
      for (int i = 0; i < knownPeers.size(); i++) { // before the copy, which refuses nulls
        if (knownPeers.get(i) == null) {
          throw new IllegalArgumentException("ClusterConfig.knownPeers[" + i + "] is null");
        }
      }
      ClusterConfig config = new ClusterConfig(this);
      ClusterConfigChecks.check(config);
      return config;
    }
  }
}
