package org.alertcluster.impl.osgi;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.impl.JGroupsPeerProvider;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Peer} per factory configuration {@value PeerConfiguration#PID}: activation joins the
 * cluster and registers the Peer service (properties {@value Peer#CLUSTER_PROPERTY} and
 * {@value Peer#NAME_PROPERTY}) and the State whiteboard; deactivation undoes both and leaves
 * gracefully.
 *
 * <p>There is deliberately no {@code @Modified} method: a changed configuration makes DS deactivate
 * and activate the component again, so the peer leaves and rejoins with the new values and its
 * service is registered anew (with the new name, if that changed). Almost every setting is fixed in
 * the JGroups stack at creation, so rejoining is the honest way to apply a change.
 *
 * <p>Once the peer is ready, an OSGi {@code Condition} with {@code osgi.condition.id=alertcluster.ready}
 * is published too ({@link ReadinessCondition}), so host components can be gated on settling.
 *
 * <p>The Peer service is registered by hand rather than by DS because its properties (the peer's
 * name, which may be generated) are known only once the peer exists.
 */
// The services are registered by hand, so declare them for resolvers: Karaf refuses to install a
// host bundle whose DS @Reference to Peer or Channel no installed bundle declares it provides.
@Capability(namespace = "osgi.service", uses = Peer.class,
    attribute = "objectClass:List<String>=org.alertcluster.api.Peer")
@Capability(namespace = "osgi.service", uses = Peer.class,
    attribute = "objectClass:List<String>=org.alertcluster.api.Channel")
@Component(
    configurationPid = PeerConfiguration.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = PeerConfiguration.class, factory = true)
public final class PeerComponent {

  private static final Logger LOG = LoggerFactory.getLogger(PeerComponent.class);

  private Peer peer;
  private ServiceRegistration<Peer> registration;
  private StateWhiteboard whiteboard;
  private ReadinessCondition readiness;
  private org.osgi.framework.ServiceRegistration<?> healthCheck;
  private Duration leaveTimeout;

  /** For DS. */
  public PeerComponent() {}

  @Activate
  void activate(BundleContext context, PeerConfiguration config, Map<String, Object> properties) {
    String pid = String.valueOf(properties.get("service.pid"));
    ClusterConfig clusterConfig;
    try {
      clusterConfig = ClusterConfigMapper.toClusterConfig(config, pid);
      leaveTimeout = ClusterConfigMapper.leaveTimeout(config, pid);
    } catch (IllegalArgumentException e) {
      // The message starts with the PID and names the property: "org.alertcluster.peer~default:
      // pushPullInterval must be a duration such as 30s or 30000, was 'abc'".
      LOG.error("Invalid configuration, no peer created: {}", e.getMessage());
      throw e;
    }
    try {
      peer = new JGroupsPeerProvider().create(clusterConfig);
    } catch (RuntimeException e) {
      LOG.error("Configuration {}: the peer could not start: {}", pid, e.getMessage(), e);
      throw e;
    }
    try {
      whiteboard = new StateWhiteboard(context, peer);
      whiteboard.open();
      Hashtable<String, Object> props = new Hashtable<>();
      props.put(Peer.CLUSTER_PROPERTY, clusterConfig.clusterName());
      props.put(Peer.NAME_PROPERTY, peer.name());
      registration = context.registerService(Peer.class, new ContainerOwnedPeer(peer, pid), props);
      if (HealthChecks.available()) {
        healthCheck = PeerHealthCheck.register(context, peer);
      }
      if (ReadinessCondition.available()) {
        readiness = new ReadinessCondition(context, peer);
      } else {
        LOG.debug("org.osgi.service.condition is not available: no readiness condition published");
      }
      LOG.info("Peer {} joined cluster {} on {} (configuration {})", peer.name(),
          clusterConfig.clusterName(), peer.self().address(), pid);
    } catch (RuntimeException e) {
      deactivate();
      throw e;
    }
  }

  @Deactivate
  void deactivate() {
    // Consumers go first, so nobody broadcasts on a peer that is leaving.
    if (healthCheck != null) {
      try {
        healthCheck.unregister();
      } catch (IllegalStateException alreadyGone) {
        // the bundle is stopping and the framework unregistered it
      }
      healthCheck = null;
    }
    if (readiness != null) {
      readiness.close();
      readiness = null;
    }
    if (registration != null) {
      try {
        registration.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The framework unregisters a stopping bundle's services itself.
      }
      registration = null;
    }
    if (whiteboard != null) {
      whiteboard.close();
      whiteboard = null;
    }
    if (peer != null) {
      String name = peer.name();
      try {
        peer.leave(leaveTimeout);
        LOG.debug("Peer {} left cluster {}", name, peer.config().clusterName());
      } catch (RuntimeException e) {
        LOG.warn("Peer {} did not leave cleanly", name, e);
      }
      peer = null;
    }
  }
}
