package org.alertcluster.impl;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.HostPort;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.State;
import org.alertcluster.impl.discovery.Discovery;
import org.alertcluster.impl.jmx.PeerMBean;
import org.alertcluster.impl.membership.Membership;
import org.alertcluster.impl.readiness.Settler;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.sync.StateReplication;
import org.alertcluster.impl.util.PeerCounters;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Peer} on a JGroups channel: wires the packages' doors together ({@link Discovery},
 * {@link StackBuilder}, {@link Membership}, {@link StateReplication}, {@link Settler}) and runs the
 * periodic tasks. JGroups provides membership, failure detection, reliable delivery and
 * fragmentation; this class adds what Alertmanager has and JGroups lacks.
 *
 * <p><b>Start</b> ({@link #start}): derive the endpoints, resolve the known peers (bounded by
 * {@code resolveTimeout}), build the stack, connect (bounded by {@code joinTimeout}: no answer means
 * a cluster of one), then exchange full state with every other member of the first view in parallel
 * (the join exchange) and start settling. Port 0 is resolved to a free port first (TCPPING needs a
 * concrete port); should another process grab it in between, start retries with a new one.
 *
 * <p><b>Full-state exchange</b> (push-pull, {@link StateReplication}) runs at join, on a
 * {@link MergeView} (with every member this peer was apart from, see {@link
 * StateReplication#merged}, so both sides of a healed partition converge), every {@code
 * pushPullInterval} with one random member (first run at a random offset), and for one key when a State is added after joining (catch-up). A State added before the peer is
 * ready holds readiness back until its catch-up has finished, so {@link #ready()} means the state
 * is there.
 *
 * <p><b>Leave</b> ({@link Membership#leave}): step out of merges, stop the tasks, multicast a goodbye
 * (the others then count a leave rather than a failure), disconnect through GMS (bounded by the
 * timeout), close the channel, stop every thread. Idempotent; afterwards nothing the peer started
 * is running and its ports are free.
 */
final class JGroupsPeer implements Peer {

  private static final Logger LOG = LoggerFactory.getLogger(JGroupsPeer.class);
  private static final int PORT_ATTEMPTS = 3;

  private final ClusterConfig config;
  private final String name;
  private final PeerCounters counters = new PeerCounters();
  private final PeerThreads threads;
  private final Discovery discovery;
  private final Membership membership;
  private final Settler settler;
  private final StateReplication replication;
  private final Object lifecycle = new Object();
  private volatile JChannel channel;
  private volatile Member self;
  private volatile boolean left;
  private volatile boolean halted;
  private volatile Runnable unregisterMBean = () -> {};

  private JGroupsPeer(ClusterConfig config, Discovery.Resolver resolver,
      Discovery.SrvResolver srvResolver) {
    this.config = config;
    this.name = Membership.nodeName(config.nodeName());
    this.threads = new PeerThreads(name);
    this.discovery = new Discovery(name, config, threads.dns, resolver, srvResolver);
    this.self = new Member(name, "");
    this.membership = new Membership(self, config.clusterName(), () -> channel,
        this::physicalAddress, counters, threads.notifier, threads.scheduler, config.probeTimeout());
    this.replication = new StateReplication(name, config, counters, () -> channel,
        membership::others, membership::member, new StateReplication.Threads(threads.prefix,
            threads.exchange, threads.scheduler, threads.notifier));
    this.settler = new Settler(name,
        config.settleInterval().multipliedBy(config.settleStablePolls()), config.settleTimeout(),
        replication::initialStateReceived, this::everyKnownPeerIsMember, () -> membership.members().size(),
        threads.notifier, threads.scheduler);
    replication.onProgress(settler::progressed);
  }

  /**
   * Creates a peer and joins: returns once the channel is connected.
   *
   * @param config the configuration
   * @return the joining peer
   * @throws IllegalArgumentException when an address setting is unusable (message names it)
   * @throws IllegalStateException when the channel cannot be started (port in use, bad stack)
   */
  static JGroupsPeer start(ClusterConfig config) {
    return start(config, java.net.InetAddress::getAllByName,
        Discovery.systemSrvResolver());
  }

  /**
   * {@link #start(ClusterConfig)} with the DNS lookups of the known peers supplied, for this
   * package's tests (package-private: not API), which stand in for the system's DNS.
   *
   * @param config the configuration
   * @param resolver looks host names (and SRV targets) up
   * @param srvResolver looks {@code dnssrv+} names up
   * @return the joining peer
   */
  static JGroupsPeer start(ClusterConfig config, Discovery.Resolver resolver,
      Discovery.SrvResolver srvResolver) {
    JGroupsLogging.install();
    JGroupsPeer peer = new JGroupsPeer(config, resolver, srvResolver);
    try {
      peer.connect();
      return peer;
    } catch (RuntimeException e) {
      peer.releaseAfterFailedStart();
      throw e;
    }
  }

  private void connect() {
    StackBuilder.Endpoints endpoints = StackBuilder.endpoints(config);
    Set<InetSocketAddress> known = discovery.resolve();
    for (int attempt = 1; ; attempt++) {
      StackBuilder.Endpoints actual = endpoints;
      try {
        if (endpoints.bindPort() == 0 && config.stackConfig().isEmpty()) {
          actual = StackBuilder.pickFreePort(endpoints);
        }
        JChannel ch = StackBuilder.create(config, actual, known);
        channel = ch;
        ch.name(name);
        ch.setReceiver(new PeerReceiver(counters, replication, membership, this::onView));
        ch.connect(config.clusterName());
        break;
      } catch (Exception e) {
        closeQuietly();
        boolean portRace = endpoints.bindPort() == 0 && hasCause(e, BindException.class);
        if (portRace && attempt < PORT_ATTEMPTS) {
          LOG.debug("Port {} was taken before JGroups could bind it; trying another", actual.bindPort());
          continue;
        }
        if (e instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new IllegalStateException("Cannot start the cluster peer on ClusterConfig.bindAddress '"
            + config.bindAddress() + "' (" + rootMessage(e) + "); check that the port is free and "
            + "the address belongs to this machine", e);
      }
    }
    PhysicalAddress mine = physicalAddress(channel.getAddress());
    self = new Member(name, mine instanceof IpAddress ip ? HostPort.format(ip.getIpAddress(), ip.getPort()) : "");
    discovery.attach(channel, mine, this::physicalAddress);
    membership.onFailedChanged(forgotten -> discovery.failedChanged(membership.failedAddresses(), forgotten));
    LOG.info("Peer {} joined cluster '{}' at {} with {} members; known peers {}", name,
        config.clusterName(), self.address(), membership.members().size(),
        known.stream().map(HostPort::format).toList()); // host:port, not InetSocketAddress' "/ip:port"
    replication.start();
    replication.joinExchange();
    settler.start();
    schedulePeriodicTasks();
    unregisterMBean = PeerMBean.register(this, threads.scheduler);
  }

  private void schedulePeriodicTasks() {
    var s = threads.scheduler;
    long settle = config.settleInterval().toMillis();
    s.scheduleWithFixedDelay(this::settlePoll, settle, settle, TimeUnit.MILLISECONDS);
    long pushPull = config.pushPullInterval().toMillis();
    s.scheduleAtFixedRate(replication::antiEntropy, ThreadLocalRandom.current().nextLong(pushPull),
        pushPull, TimeUnit.MILLISECONDS);
    long expiry = Math.min(5000, Math.max(50, config.reconnectTimeout().toMillis() / 4));
    s.scheduleWithFixedDelay(() -> membership.forgetExpired(config.reconnectTimeout()), expiry,
        expiry, TimeUnit.MILLISECONDS);
    discovery.scheduleRefresh(s, () -> !left);
  }

  /**
   * Readiness is decided on events ({@link Settler}); this tick only retries a join round whose
   * exchanges all failed, every {@code settleInterval}, and lets the settler look again after it.
   */
  private void settlePoll() {
    if (settler.settling()) {
      replication.joinExchange(); // no-op once the state is in or a round is running
      settler.progressed();
    }
  }

  /**
   * Whether every configured known peer (at least one other than this peer) is a member of the
   * current view, compared by advertised address: then the membership is complete and settling
   * need not wait for it to stay unchanged. Only once a State is registered: a host adds its States
   * after the peer is created, and a peer ready before that would not hold them back
   * ({@link #addState}); with no State at all the quiet period decides.
   */
  private boolean everyKnownPeerIsMember() {
    return !replication.noStates() && discovery.everyKnownPeerIn(membership.view());
  }

  private void onView(View view) {
    View previous = membership.view();
    membership.viewAccepted(view);
    discovery.viewChanged(view);
    replication.viewChanged(view, settler.settling());
    settler.membershipChanged();
    LOG.debug("Peer {}: view {} -> members {}", name, view.getViewId(), membership.describe());
    if (view instanceof MergeView merge && !left) {
      Set<Address> with = replication.merged(merge, channel.getAddress(), previous);
      LOG.info("Peer {}: merge view {} (subgroups {}); reconciling with {}", name,
          view.getViewId(), merge.getSubgroups().size(), with);
    }
  }

  private PhysicalAddress physicalAddress(Address a) {
    JChannel ch = channel;
    if (ch == null || a == null) {
      return null;
    }
    try {
      return (PhysicalAddress) ch.down(new Event(Event.GET_PHYSICAL_ADDRESS, a));
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- Peer

  @Override
  public String name() {
    return name;
  }

  @Override
  public Member self() {
    return self;
  }

  @Override
  public List<Member> members() {
    return left ? List.of(self) : membership.members();
  }

  @Override
  public int clusterSize() {
    return members().size();
  }

  @Override
  public int position() {
    return left ? 0 : membership.position();
  }

  @Override
  public PeerStatus status() {
    return left ? PeerStatus.LEFT : settler.status();
  }

  @Override
  public ClusterConfig config() {
    return config;
  }

  @Override
  public Channel addState(State state) {
    Objects.requireNonNull(state, "state");
    String key = state.key();
    if (!State.isValidKey(key)) {
      throw new IllegalArgumentException("State key '" + key + "' must match "
          + State.KEY_SYNTAX.pattern());
    }
    synchronized (lifecycle) {
      if (left) {
        throw new IllegalStateException("Peer " + name + " has left; create a new peer");
      }
      if (!replication.add(state)) {
        throw new IllegalStateException("A State with key '" + key + "' is already registered");
      }
    }
    return replication.open(state, () -> !left, !settler.status().isReady());
  }

  @Override
  public void removeState(String key) {
    replication.remove(key);
  }

  @Override
  public Optional<Channel> channel(String key) {
    return replication.channel(key);
  }

  @Override
  public CompletionStage<Void> ready() {
    return settler.ready().copy();
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    try {
      settler.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void addMembershipListener(MembershipListener listener) {
    membership.addListener(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeMembershipListener(MembershipListener listener) {
    membership.removeListener(listener);
  }

  @Override
  public List<Member> failedMembers() {
    if (left) {
      return List.of();
    }
    // Alertmanager's failedPeers: the members that failed, then (setInitialFailed) the known peers
    // that have not joined since the start, with no name yet, until reconnectTimeout. The gauge
    // FAILED_PEERS is this list's size, so the two never disagree.
    List<Member> failed = new ArrayList<>(membership.failedMembers());
    // Discovery checks the known peers every reconnectInterval; one that joined since is a member.
    Set<String> members = membership.members().stream().map(Member::address)
        .collect(java.util.stream.Collectors.toSet());
    for (InetSocketAddress a : discovery.unreachableKnownPeers(membership.failedAddresses())) {
      String address = HostPort.format(a);
      if (!members.contains(address)) {
        failed.add(new Member("", address));
      }
    }
    return List.copyOf(failed);
  }

  @Override
  public Map<String, Integer> stateSizes() {
    return replication.stateSizes();
  }

  @Override
  public ClusterMetrics metrics() {
    return counters.snapshot(Map.of(
        ClusterMetric.MEMBERS, (long) clusterSize(),
        ClusterMetric.FAILED_PEERS, (long) failedMembers().size(),
        ClusterMetric.POSITION, (long) position(),
        ClusterMetric.QUEUE_DEPTH, (long) replication.queueDepth()));
  }

  @Override
  public void close() {
    leave(Duration.ofSeconds(10));
  }

  @Override
  public void leave(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (lifecycle) {
      if (left) {
        return;
      }
      left = true;
    }
    membership.leave(timeout, !halted, new Membership.LeaveSteps() {
      @Override
      public void quiesce() {
        settler.left();
        replication.closeExchanges(); // first: exchanges cut short are not counted as failed
        threads.scheduler.shutdownNow(); // no more polls, anti-entropy or expiry
        replication.stop(Duration.ofSeconds(1)); // before the notify thread stops
      }

      @Override
      public void disconnect() {
        closeQuietly();
      }

      @Override
      public void release() {
        threads.shutdown(Duration.ofSeconds(2));
        unregisterMBean.run();
      }
    });
  }

  /**
   * Simulates a crash ({@link PeerFaults#crash}), for this package's tests (package-private: not
   * API): the others see this peer vanish and count it failed. The peer is {@link PeerStatus#LEFT}
   * afterwards and its threads and ports are released.
   */
  void halt() {
    if (left) {
      return;
    }
    halted = true;
    PeerFaults.crash(channel);
    leave(Duration.ofMillis(50));
  }

  /**
   * Cuts this peer off the network or reconnects it ({@link PeerFaults#isolate}). <b>For tests
   * only</b> (package-private: not API; other modules' tests reach it through {@link
   * TestSeam#isolate}).
   *
   * @param isolated true to cut off, false to reconnect
   */
  synchronized void isolateForTesting(boolean isolated) {
    PeerFaults.isolate(channel, isolated);
  }

  /**
   * <b>For tests only</b> (package-private: not API): the JGroups channel, so that fault tests can
   * insert a JGroups {@code DISCARD} or inject views, as JGroups' own tests do.
   *
   * @return the channel, null before the first connect
   */
  JChannel channelForTesting() {
    return channel;
  }

  private void closeQuietly() {
    JChannel ch = channel;
    if (ch != null) {
      try {
        ch.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the JGroups channel failed", e);
      }
    }
  }

  private void releaseAfterFailedStart() {
    left = true;
    settler.left();
    replication.stop(Duration.ofSeconds(1));
    closeQuietly();
    threads.shutdown(Duration.ofSeconds(2));
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  @Override
  public String toString() {
    return "Peer[" + name + " @ " + self.address() + ", cluster " + config.clusterName() + ", "
        + status() + "]";
  }
}
