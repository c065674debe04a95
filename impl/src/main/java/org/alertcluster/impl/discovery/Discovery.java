package org.alertcluster.impl.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.alertcluster.api.ClusterConfig;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.protocols.TCPPING;
import org.jgroups.stack.IpAddress;

/**
 * A peer's discovery: resolves the {@link ClusterConfig#knownPeers() known peers} ({@code
 * KnownPeers}: IP literals, host names, {@code dnssrv+} names; again every {@code
 * dnsRefreshInterval}) and keeps TCPPING's host list equal to them plus the failed peers not yet
 * forgotten ({@code DiscoveryHosts}), which is what lets MERGE3 find a failed or newly resolved peer
 * again. It also answers whether every known peer is a member, which lets readiness stop waiting,
 * and warns about the known peers that are not ({@code UnreachablePeers}: once at join, then at
 * most every 5 min, checked every {@code reconnectInterval}), counting them as failed peers.
 *
 * <p>Lifecycle: {@link #resolve} before the stack is built (the channel's initial hosts), {@link
 * #attach} once connected, then {@link #scheduleRefresh}; {@link #failedChanged} on every change
 * of the failed set. Thread-safe.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) resolves the known peers and feeds
 * TCPPING through it; <b>not API</b>: the bundle exports no impl package, and {@code
 * PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class Discovery {

  /** Looks a host name up; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * @param host a host name
     * @return its addresses
     * @throws UnknownHostException if it has none
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * One SRV record: where and on which port a service runs.
   *
   * @param target the host name
   * @param port the port
   */
  public record SrvRecord(String target, int port) {}

  /** Looks SRV records up; the JDK's DNS client in production ({@link #systemSrvResolver}). */
  @FunctionalInterface
  public interface SrvResolver {
    /**
     * @param name the SRV name, e.g. {@code _cluster._tcp.am.monitoring.svc.cluster.local}
     * @return its records, lowest priority first
     * @throws UnknownHostException if the lookup fails
     */
    List<SrvRecord> resolve(String name) throws UnknownHostException;
  }

  /**
   * @return the production SRV lookup: the JDK's DNS client with the system's resolver
   *     configuration
   */
  public static SrvResolver systemSrvResolver() {
    return new JndiSrvResolver();
  }

  /**
   * JGroups' TCPPING whose join discovery ends as soon as every known peer has been heard from
   * ({@code KnownPeersPing}), for the stack to configure ({@code initial_hosts}, {@code port_range})
   * like a plain TCPPING.
   *
   * @param resendInterval how often a join round still waiting sends its requests again
   * @return the protocol, not yet in a stack
   */
  public static TCPPING joinPing(Duration resendInterval) {
    return new KnownPeersPing(resendInterval);
  }

  private final KnownPeers knownPeers;
  private final ClusterConfig config;
  private final ExecutorService lookups;
  private volatile Set<InetSocketAddress> resolved = Set.of();
  private volatile DiscoveryHosts hosts;
  private volatile Function<Address, PhysicalAddress> physical = a -> null;
  private volatile JChannel channel;
  private final UnreachablePeers unreachable;

  /**
   * @param peerName this peer's name, at the start of every log line
   * @param config the configuration: {@code knownPeers}, {@code resolveTimeout}, {@code
   *     dnsRefreshInterval}
   * @param lookups where the blocking DNS lookups run
   * @param resolver looks host names (and SRV targets) up
   * @param srvResolver looks {@code dnssrv+} names up
   * @throws IllegalArgumentException naming {@code ClusterConfig.knownPeers} if a value is not
   *     {@code host:port} or {@code dnssrv+NAME}
   */
  public Discovery(String peerName, ClusterConfig config, ExecutorService lookups,
      Resolver resolver, SrvResolver srvResolver) {
    this.config = config;
    this.lookups = lookups;
    this.knownPeers = new KnownPeers(peerName, config.knownPeers(), lookups, resolver, srvResolver);
    // A refused connect answers at once; a silent host costs this much of a lookup thread.
    this.unreachable = new UnreachablePeers(peerName,
        (int) Math.min(2000, Math.max(100, config.tcpTimeout().toMillis())),
        config.reconnectInterval(), config.reconnectTimeout());
  }

  /**
   * Resolves the known peers now, waiting at most {@code resolveTimeout}.
   *
   * @return every address found now (or, for a name that fails, last time), in configuration order
   */
  public Set<InetSocketAddress> resolve() {
    Set<InetSocketAddress> now = knownPeers.resolve(config.resolveTimeout());
    resolved = now;
    DiscoveryHosts h = hosts;
    if (h != null) {
      h.setKnown(now);
    }
    return now;
  }

  /**
   * Starts feeding the connected channel's TCPPING (if its stack has one: an expert's XML stack may
   * not) with the last resolved known peers.
   *
   * @param channel the connected channel
   * @param self this peer's physical address, always listed so TCPPING's list is never empty
   * @param physical looks a member's physical address up (JGroups GET_PHYSICAL_ADDRESS)
   */
  public void attach(JChannel channel, PhysicalAddress self,
      Function<Address, PhysicalAddress> physical) {
    TCPPING tcpping = channel.getProtocolStack().findProtocol(TCPPING.class);
    DiscoveryHosts h = new DiscoveryHosts(tcpping, self instanceof IpAddress ip
        ? new InetSocketAddress(ip.getIpAddress(), ip.getPort()) : new InetSocketAddress(0));
    h.setKnown(resolved);
    this.physical = physical;
    this.channel = channel;
    hosts = h;
    lookups.execute(this::checkKnownPeers); // the probe blocks: not on the joining thread
  }

  /**
   * Warns about the known peers that are not members (once at join, then rate-limited), and
   * logs at INFO when one joins; see {@code UnreachablePeers}. Blocks for the TCP probes.
   */
  void checkKnownPeers() {
    DiscoveryHosts h = hosts;
    JChannel ch = channel;
    View view = ch == null ? null : ch.getView();
    if (h == null || view == null) {
      return;
    }
    unreachable.check(h.knownOthers(), memberAddresses(view));
  }

  /**
   * A known peer in this view has joined: no longer an initial failed peer, also if it fails
   * before the next {@link #checkKnownPeers} (then it is membership's failed member). Cheap; on
   * the view thread.
   *
   * @param view the view just installed
   */
  public void viewChanged(View view) {
    unreachable.seen(memberAddresses(view));
  }

  /**
   * Alertmanager's {@code setInitialFailed}: a known peer counts as failed until it joins.
   *
   * @param alreadyFailed the failed members' addresses, counted already
   * @return the other known peers that were not members at the last check (every
   *     {@code reconnectInterval}), until {@code reconnectTimeout} after the start
   */
  public List<InetSocketAddress> unreachableKnownPeers(Collection<InetSocketAddress> alreadyFailed) {
    return unreachable.counted(alreadyFailed);
  }

  /**
   * Resolves the known peers again every {@code dnsRefreshInterval} if any is a name (IP literals
   * never change), so that a scaled-up StatefulSet is found. Ends with {@code scheduler}.
   *
   * @param scheduler the peer's scheduler
   * @param active false once the peer leaves: a refresh then does nothing
   */
  public void scheduleRefresh(ScheduledExecutorService scheduler, BooleanSupplier active) {
    long check = Math.max(100, config.reconnectInterval().toMillis());
    scheduler.scheduleWithFixedDelay(() -> lookups.execute(() -> {
      if (active.getAsBoolean()) {
        checkKnownPeers();
      }
    }), check, check, TimeUnit.MILLISECONDS);
    if (!knownPeers.hasHostNames()) {
      return;
    }
    long every = config.dnsRefreshInterval().toMillis();
    // The lookups block (InetAddress cannot be interrupted): off the scheduler's thread.
    scheduler.scheduleWithFixedDelay(() -> lookups.execute(() -> {
      if (active.getAsBoolean()) {
        resolve();
      }
    }), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * @param failed the failed peers' addresses, probed until they are forgotten
   * @param forgotten true if some failed peer was forgotten since the last call
   */
  public void failedChanged(Collection<InetSocketAddress> failed, boolean forgotten) {
    DiscoveryHosts h = hosts;
    if (h != null) {
      h.setFailed(failed, forgotten);
    }
  }

  /**
   * Whether every configured known peer (at least one other than this peer) is a member of
   * {@code view}, compared by advertised address: then the membership is complete as far as the
   * configuration can tell.
   *
   * @param view the current view, or null before the first
   * @return false before {@link #attach}, without a view, or with no known peer but this one
   */
  public boolean everyKnownPeerIn(View view) {
    DiscoveryHosts h = hosts;
    if (h == null || view == null) {
      return false;
    }
    return h.everyKnownPeerAmong(memberAddresses(view));
  }

  private List<InetSocketAddress> memberAddresses(View view) {
    List<InetSocketAddress> members = new ArrayList<>(view.size());
    for (Address a : view.getMembers()) {
      if (physical.apply(a) instanceof IpAddress ip) {
        members.add(new InetSocketAddress(ip.getIpAddress(), ip.getPort()));
      }
    }
    return members;
  }
}
