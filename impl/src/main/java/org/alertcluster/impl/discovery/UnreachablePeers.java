package org.alertcluster.impl.discovery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alertcluster.impl.util.PeerLog;

/**
 * The known peers that are not members: Alertmanager's {@code setInitialFailed} and its
 * {@code failed to join cluster} warning. Alertmanager counts every configured peer as failed until
 * it joins ({@code alertmanager_cluster_failed_peers}), logs one WARN when the join fails and
 * retries every {@code reconnectInterval}, until {@code reconnectTimeout} after the start. Here,
 * for the known peers never seen as members since this peer started (one that joined and later
 * failed or left is membership's to report and count): one WARN at join naming each known peer that did
 * not join and why, as far as a plain TCP connect can tell ({@code connection refused}; {@code no
 * answer within} the probe's timeout; or "accepts connections but did not answer the join's
 * discovery", a silent or foreign server); while any stays out, the same WARN again at most every
 * {@value #REPEAT_WARN_MS} ms (DEBUG in between; discovery keeps probing it, so the warning goes on
 * after {@code reconnectTimeout}, when it is no longer counted); an INFO when one joins.
 *
 * <p>The probe connects and closes at once, without a byte, and only to a known address that did
 * not join: a JGroups peer there would have answered discovery. Thread-safe.
 */
final class UnreachablePeers {

  /** How often a known peer that stays out is warned about again (DEBUG in between). */
  static final long REPEAT_WARN_MS = 5 * 60_000;

  private final PeerLog log;
  private final PeerLog repeatLog;
  private final int probeTimeoutMs;
  /** Known peers out of the view, and the last reason found. Guarded by this. */
  private final Map<InetSocketAddress, String> out = new LinkedHashMap<>();
  private boolean warnedOnce;
  /** Known peers that were members at some check: from then on membership tracks them. */
  private final Set<InetSocketAddress> joinedOnce = new LinkedHashSet<>();
  private final long countedUntilNanos;
  private final java.time.Duration reconnectInterval;
  private static final String ACCEPTS = "it accepts TCP connections but did not answer the join's"
      + " discovery: not an alertcluster peer, another cluster name, or still starting";

  /**
   * @param peerName this peer's name, at the start of every log line
   * @param probeTimeoutMs how long the plain TCP probe waits for a connect
   * @param reconnectInterval how often discovery retries them (for the warning)
   * @param reconnectTimeout how long after the start one that never joined counts as failed
   */
  UnreachablePeers(String peerName, int probeTimeoutMs, java.time.Duration reconnectInterval,
      java.time.Duration reconnectTimeout) {
    this.reconnectInterval = reconnectInterval;
    this.countedUntilNanos = System.nanoTime() + reconnectTimeout.toNanos();
    this.log = new PeerLog(UnreachablePeers.class, peerName);
    this.repeatLog = log.warnAtMostEvery(REPEAT_WARN_MS);
    this.probeTimeoutMs = Math.max(1, probeTimeoutMs);
  }

  /**
   * Compares the known peers with the members; probes and logs those out. Blocks up to the probe
   * timeout per peer out: call it off JGroups' threads.
   *
   * @param known the known peers' addresses, this peer's excluded
   * @param members the members' advertised addresses
   */
  void check(Collection<InetSocketAddress> known, Collection<InetSocketAddress> members) {
    Set<InetSocketAddress> missing = new LinkedHashSet<>(known);
    missing.removeAll(members);
    synchronized (this) {
      known.stream().filter(members::contains).forEach(joinedOnce::add);
      missing.removeAll(joinedOnce); // a member that failed or left since: membership's business
    }
    Map<InetSocketAddress, String> why = new LinkedHashMap<>();
    for (InetSocketAddress a : missing) {
      why.put(a, probe(a));
    }
    List<InetSocketAddress> joined = new ArrayList<>();
    Map<InetSocketAddress, String> warn = new LinkedHashMap<>();
    boolean first;
    synchronized (this) {
      for (InetSocketAddress a : new ArrayList<>(out.keySet())) {
        if (!missing.contains(a)) {
          out.remove(a);
          if (members.contains(a)) {
            joined.add(a);
          }
        }
      }
      why.forEach((a, reason) -> {
        // One that listens may be a peer started at the same time, merging within a second: warned
        // about only if it is still out at the next check.
        if (reason != ACCEPTS || out.containsKey(a)) {
          warn.put(a, reason);
        }
        out.put(a, reason);
      });
      first = !warnedOnce && !warn.isEmpty();
      warnedOnce |= first;
    }
    for (InetSocketAddress a : joined) {
      log.info("Known peer {} is reachable now and joined the cluster", text(a));
    }
    if (warn.isEmpty()) {
      return;
    }
    StringBuilder list = new StringBuilder();
    warn.forEach((a, reason) -> list.append(list.length() == 0 ? "" : "; ")
        .append(text(a)).append(": ").append(reason));
    String format = "Failed to join cluster: {} of {} known peers not reachable ({}); counted as"
        + " failed peers, retried every reconnectInterval ({})";
    // The first goes out at WARN too: the limit's period starts with it.
    repeatLog.warn(format + (first ? "" : " (still; this warning at most every {} min while any"
        + " stays out)"), warn.size(), known.size(), list, reconnectInterval, REPEAT_WARN_MS / 60_000);
  }

  /**
   * Known peers that are members now have joined (no probe): they stop counting at once and are
   * never counted again, even if they fail before the next {@link #check}.
   *
   * @param members the members' advertised addresses
   */
  void seen(Collection<InetSocketAddress> members) {
    List<InetSocketAddress> joined = new ArrayList<>();
    synchronized (this) {
      for (InetSocketAddress a : members) {
        if (out.remove(a) != null) {
          joined.add(a);
        }
      }
      joinedOnce.addAll(members);
    }
    for (InetSocketAddress a : joined) {
      log.info("Known peer {} is reachable now and joined the cluster", text(a));
    }
  }

  /**
   * @param alreadyFailed addresses counted as failed elsewhere (members that left)
   * @return the known peers out of the view as of the last check, not in {@code alreadyFailed}, in
   *     the order given; empty once {@code reconnectTimeout} has passed since the start
   */
  synchronized List<InetSocketAddress> counted(Collection<InetSocketAddress> alreadyFailed) {
    if (System.nanoTime() - countedUntilNanos > 0) {
      return List.of(); // Alertmanager's removeFailedPeers: an initial failure expires after reconnectTimeout
    }
    return out.keySet().stream().filter(a -> !alreadyFailed.contains(a)).toList();
  }

  /** @return the known peers out of the view as of the last check */
  synchronized List<InetSocketAddress> addresses() {
    return List.copyOf(out.keySet());
  }

  private String probe(InetSocketAddress a) {
    try (Socket s = new Socket()) {
      s.connect(a, probeTimeoutMs);
      return ACCEPTS;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "no answer within " + probeTimeoutMs + " ms";
    } catch (IOException e) {
      return String.valueOf(e.getMessage());
    }
  }

  /** @return host:port without a reverse lookup */
  private static String text(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }
}
