package org.alertcluster.impl.osgi;

import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * An Apache Felix Health Check for one peer, tagged {@value #TAG}, for containers that run Felix HC
 * (its {@code /system/health} servlet, the {@code hc:exec} command, JMX): the container's health
 * reflects whether this replica may act on its State yet.
 *
 * <ul>
 *   <li>settling: {@code TEMPORARILY_UNAVAILABLE} (Alertmanager's {@code /-/ready} answers 503 then);</li>
 *   <li>ready: {@code OK}; ready because the settle timeout passed: {@code WARN} (the state may be
 *       incomplete until an exchange completes);</li>
 *   <li>failed peers being retried: {@code WARN}, naming them;</li>
 *   <li>left: {@code CRITICAL}.</li>
 * </ul>
 *
 * <p>{@code org.apache.felix.hc.api} is imported optionally; where it is missing
 * {@link HealthChecks#available()} is false and this class is never loaded (it could not be: its
 * interface is missing), so containers without Felix HC are unaffected.
 */
final class PeerHealthCheck implements HealthCheck {

  /** The tag of every alertcluster health check: {@value}. */
  static final String TAG = "alertcluster";

  private final Peer peer;

  PeerHealthCheck(Peer peer) {
    this.peer = peer;
  }

  /**
   * Registers a health check for {@code peer}.
   *
   * @param context the impl bundle's context
   * @param peer the peer
   * @return the registration, to unregister when the peer goes
   */
  static ServiceRegistration<?> register(BundleContext context, Peer peer) {
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(HealthCheck.NAME, "alertcluster peer " + peer.name() + " (cluster "
        + peer.config().clusterName() + ")");
    props.put(HealthCheck.TAGS, new String[] {TAG});
    props.put(Peer.CLUSTER_PROPERTY, peer.config().clusterName());
    props.put(Peer.NAME_PROPERTY, peer.name());
    return context.registerService(HealthCheck.class, new PeerHealthCheck(peer), props);
  }

  @Override
  public Result execute() {
    FormattingResultLog log = new FormattingResultLog();
    String who = "Peer " + peer.name() + " in cluster " + peer.config().clusterName();
    switch (peer.status()) {
      case SETTLING -> log.temporarilyUnavailable("{} is settling: waiting for the members' state"
          + " before acting on it ({} members so far)", who, peer.clusterSize());
      case READY -> log.info("{} is ready with {} members, position {}", who, peer.clusterSize(),
          peer.position());
      case READY_AFTER_TIMEOUT -> log.warn("{} is ready after its settle timeout ({}): the"
          + " replicated state may be incomplete until a full-state exchange completes; {} members",
          who, peer.config().settleTimeout(), peer.clusterSize());
      case LEFT -> log.critical("{} has left the cluster", who);
    }
    List<Member> failed = peer.failedMembers();
    if (!failed.isEmpty()) {
      log.warn("{} failed peer(s) being retried: {}", failed.size(), failed.stream()
          .map(m -> m.name().isEmpty() ? m.address() + " (not joined yet)" : m.name() + " at "
              + m.address()).collect(Collectors.joining(", ")));
    }
    return new Result(log);
  }
}
