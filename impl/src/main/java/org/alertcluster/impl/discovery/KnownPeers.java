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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link org.alertcluster.api.ClusterConfig#knownPeers() known peers}, resolved. IP literals
 * stand for themselves; a host name stands for every address it resolves to (a Kubernetes headless
 * service), as Alertmanager's {@code resolvePeers}. Names are looked up again on every
 * {@link #resolve} call (the peer calls it every {@code dnsRefreshInterval}), so a scaled-up
 * StatefulSet is found. A name that fails or times out keeps its last good addresses and is retried
 * next time; the failure is logged at WARN the first time and at DEBUG while it persists.
 *
 * <p>Lookups run on the given executor because {@link InetAddress#getAllByName} cannot be
 * interrupted; the caller waits at most {@code resolveTimeout} for all of them.
 */
public final class KnownPeers {

  private static final Logger LOG = LoggerFactory.getLogger(KnownPeers.class);

  /** Looks a host name up; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<HostPort> peers;
  private final ExecutorService lookups;
  private final Resolver resolver;
  private final Map<HostPort, List<InetSocketAddress>> lastGood = new LinkedHashMap<>();
  private final Set<HostPort> failing = new LinkedHashSet<>();

  /**
   * @param knownPeers the configured {@code host:port} values
   * @param lookups where blocking lookups run
   */
  public KnownPeers(List<String> knownPeers, ExecutorService lookups) {
    this(knownPeers, lookups, InetAddress::getAllByName);
  }

  /**
   * @param knownPeers the configured {@code host:port} values
   * @param lookups where blocking lookups run
   * @param resolver how names are looked up
   */
  public KnownPeers(List<String> knownPeers, ExecutorService lookups, Resolver resolver) {
    this.peers = knownPeers.stream()
        .map(p -> HostPort.parse("ClusterConfig.knownPeers", p, HostPort.Allow.NOTHING)).toList();
    this.lookups = lookups;
    this.resolver = resolver;
  }

  /** @return true if any known peer is a host name rather than an IP literal */
  public boolean hasHostNames() {
    return peers.stream().anyMatch(p -> !p.isIpLiteral());
  }

  /**
   * Resolves every known peer, waiting at most {@code timeout} in total.
   *
   * @param timeout the resolve timeout
   * @return every address found now or last time, in configuration order
   */
  public synchronized Set<InetSocketAddress> resolve(Duration timeout) {
    Map<HostPort, CompletableFuture<List<InetSocketAddress>>> pending = new LinkedHashMap<>();
    for (HostPort p : peers) {
      pending.put(p, CompletableFuture.supplyAsync(() -> lookup(p), lookups));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<HostPort, CompletableFuture<List<InetSocketAddress>>> e : pending.entrySet()) {
      HostPort p = e.getKey();
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        lastGood.put(p, e.getValue().get(left, TimeUnit.NANOSECONDS));
        if (failing.remove(p)) {
          LOG.info("Known peer {} resolves again: {}", p, lastGood.get(p));
        }
      } catch (TimeoutException | ExecutionException ex) {
        Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
        String why = cause instanceof TimeoutException ? "no answer within " + timeout
            : String.valueOf(cause.getMessage());
        if (failing.add(p)) {
          LOG.warn("Cannot resolve known peer {} ({}); keeping {} and retrying at the next DNS "
              + "refresh", p, why, lastGood.getOrDefault(p, List.of()));
        } else {
          LOG.debug("Known peer {} still does not resolve: {}", p, why);
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
}
