package org.alertcluster.impl.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alertcluster.api.HostPort;
import org.alertcluster.impl.util.PeerLog;

/**
 * The {@link org.alertcluster.api.ClusterConfig#knownPeers() known peers}, resolved. IP literals
 * stand for themselves; a host name stands for every address it resolves to (a Kubernetes headless
 * service), as Alertmanager's {@code resolvePeers}; {@code dnssrv+NAME} (Prometheus' convention,
 * Alertmanager's open #645) stands for every target and port of NAME's SRV records, each target
 * resolved in turn ({@code dnssrv+_cluster._tcp.am.monitoring.svc.cluster.local} for a headless
 * service's port named {@code cluster}). Names are looked up again on every
 * {@link #resolve} call (the peer calls it every {@code dnsRefreshInterval}), so a scaled-up
 * StatefulSet is found. A name that fails or times out keeps its last good addresses and is retried
 * next time; the failure is logged at WARN the first time and at DEBUG while it persists.
 *
 * <p>Lookups run on the given executor because {@link InetAddress#getAllByName} cannot be
 * interrupted; the caller waits at most {@code resolveTimeout} for all of them.
 *
 * <p>Reached through {@link Discovery}.
 */
final class KnownPeers {

  private static final String SRV_PREFIX = org.alertcluster.api.ClusterConfig.SRV_PREFIX;

  private final PeerLog log;
  private final List<HostPort> peers;
  private final List<String> srvNames;
  private final Discovery.SrvResolver srvResolver;
  private final ExecutorService lookups;
  private final Discovery.Resolver resolver;
  private final Map<String, List<InetSocketAddress>> lastGood = new LinkedHashMap<>();
  private final Set<String> failing = new LinkedHashSet<>();

  /**
   * @param knownPeers the configured {@code host:port} values
   * @param lookups where blocking lookups run
   */
  KnownPeers(List<String> knownPeers, ExecutorService lookups) {
    this(knownPeers, lookups, InetAddress::getAllByName, new JndiSrvResolver());
  }

  /**
   * @param knownPeers the configured {@code host:port} values
   * @param lookups where blocking lookups run
   * @param resolver how names are looked up
   */
  KnownPeers(List<String> knownPeers, ExecutorService lookups, Discovery.Resolver resolver) {
    this(knownPeers, lookups, resolver, new JndiSrvResolver());
  }

  /**
   * @param knownPeers the configured {@code host:port} and {@code dnssrv+NAME} values
   * @param lookups where blocking lookups run
   * @param resolver how host names (and SRV targets) are looked up
   * @param srvResolver how SRV records are looked up
   */
  KnownPeers(List<String> knownPeers, ExecutorService lookups, Discovery.Resolver resolver,
      Discovery.SrvResolver srvResolver) {
    this("", knownPeers, lookups, resolver, srvResolver);
  }

  /**
   * @param peerName this peer's name, at the start of every log line
   * @param knownPeers the configured {@code host:port} and {@code dnssrv+NAME} values
   * @param lookups where blocking lookups run
   * @param resolver how host names (and SRV targets) are looked up
   * @param srvResolver how SRV records are looked up
   */
  KnownPeers(String peerName, List<String> knownPeers, ExecutorService lookups,
      Discovery.Resolver resolver, Discovery.SrvResolver srvResolver) {
    this.log = new PeerLog(KnownPeers.class, peerName);
    this.peers = knownPeers.stream().filter(p -> !p.startsWith(SRV_PREFIX))
        .map(p -> HostPort.parse("ClusterConfig.knownPeers", p, HostPort.Allow.NOTHING)).toList();
    this.srvNames = knownPeers.stream().filter(p -> p.startsWith(SRV_PREFIX))
        .map(p -> p.substring(SRV_PREFIX.length())).toList();
    this.lookups = lookups;
    this.resolver = resolver;
    this.srvResolver = srvResolver;
  }

  /** @return true if any known peer is a host name or SRV name rather than an IP literal */
  boolean hasHostNames() {
    return !srvNames.isEmpty() || peers.stream().anyMatch(p -> !p.isIpLiteral());
  }

  /**
   * Resolves every known peer, waiting at most {@code timeout} in total.
   *
   * @param timeout the resolve timeout
   * @return every address found now or last time, in configuration order
   */
  synchronized Set<InetSocketAddress> resolve(Duration timeout) {
    Map<String, CompletableFuture<List<InetSocketAddress>>> pending = new LinkedHashMap<>();
    for (HostPort p : peers) {
      pending.put(p.toString(), CompletableFuture.supplyAsync(() -> lookup(p), lookups));
    }
    for (String name : srvNames) {
      pending.put(SRV_PREFIX + name, CompletableFuture.supplyAsync(() -> lookupSrv(name), lookups));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, CompletableFuture<List<InetSocketAddress>>> e : pending.entrySet()) {
      String p = e.getKey();
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        lastGood.put(p, e.getValue().get(left, TimeUnit.NANOSECONDS));
        if (failing.remove(p)) {
          log.info("Known peer {} resolves again: {}", p, lastGood.get(p));
        }
      } catch (TimeoutException | ExecutionException ex) {
        Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
        String why = cause instanceof TimeoutException ? "no answer within " + timeout
            : String.valueOf(cause.getMessage());
        if (failing.add(p)) {
          log.warn("Cannot resolve known peer {} ({}); keeping {} and retrying at the next DNS "
              + "refresh", p, why, lastGood.getOrDefault(p, List.of()));
        } else {
          log.debug("Known peer {} still does not resolve: {}", p, why);
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Set<InetSocketAddress> all = new LinkedHashSet<>();
    lastGood.values().forEach(all::addAll);
    return all;
  }

  private List<InetSocketAddress> lookup(HostPort p) {
    try {
      List<InetSocketAddress> out = new ArrayList<>();
      InetAddress[] found = p.isIpLiteral()
          ? new InetAddress[] {InetAddress.getByName(p.host())} // no DNS for literals
          : resolver.resolve(p.host());
      for (InetAddress a : found) {
        out.add(new InetSocketAddress(a, p.port()));
      }
      return out;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unknown host " + p.host(), e);
    }
  }

  private List<InetSocketAddress> lookupSrv(String name) {
    List<Discovery.SrvRecord> records;
    try {
      records = srvResolver.resolve(name);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("no SRV records for " + name + ": " + e.getMessage(), e);
    }
    if (records.isEmpty()) {
      throw new IllegalStateException("no SRV records for " + name);
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (Discovery.SrvRecord r : records) {
      out.addAll(lookup(new HostPort(r.target(), r.port())));
    }
    return out;
  }
}
