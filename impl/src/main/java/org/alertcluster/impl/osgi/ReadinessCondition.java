package org.alertcluster.impl.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import org.alertcluster.api.Peer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a peer's readiness as an OSGi {@link Condition} service with
 * {@code osgi.condition.id=}{@value #CONDITION_ID}, registered once {@link Peer#ready()} completes
 * and withdrawn when the peer goes. A host component that must not notify before its silences and
 * notification log have arrived is gated with configuration alone (DS 1.5 satisfying condition):
 *
 * <pre>
 * osgi.ds.satisfying.condition.target=(&amp;(osgi.condition.id=alertcluster.ready)(alertcluster.cluster=alerting))
 * </pre>
 *
 * <p>The package {@code org.osgi.service.condition} (OSGi R8) is imported optionally: Felix 7 exports
 * it, Karaf 4.4 does not list it among its system packages. Where it is missing, {@link #available()}
 * says so and no condition is published.
 *
 * <p>This is Alertmanager's settle wait ({@code ClusterGossipSettleStage}) as a container primitive,
 * and what its users ask of {@code /-/ready} (#3026).
 */
final class ReadinessCondition {

  /** The {@code osgi.condition.id} of a ready peer's condition: {@value}. */
  static final String CONDITION_ID = "alertcluster.ready";

  private static final Logger LOG = LoggerFactory.getLogger(ReadinessCondition.class);

  private final BundleContext context;
  private final Dictionary<String, Object> properties;
  private ServiceRegistration<Condition> registration;
  private boolean closed;

  /**
   * Whether the framework wired {@code org.osgi.service.condition} to this bundle.
   *
   * @return true if a condition can be published
   */
  static boolean available() {
    try {
      Class.forName("org.osgi.service.condition.Condition", false,
          ReadinessCondition.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  ReadinessCondition(BundleContext context, Peer peer) {
    this.context = context;
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(Condition.CONDITION_ID, CONDITION_ID);
    props.put(Peer.CLUSTER_PROPERTY, peer.config().clusterName());
    props.put(Peer.NAME_PROPERTY, peer.name());
    this.properties = props;
    // Completes on the peer's notify thread, or exceptionally when the peer leaves first: nothing
    // to publish then.
    peer.ready().thenRun(this::register);
  }

  // The framework is never called while this object's lock is held: registering or unregistering a
  // service runs SCR's listeners synchronously, and the deactivating component (holding SCR's
  // lock) calls close(); with the lock held across registerService the two threads deadlocked.
  private void register() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    ServiceRegistration<Condition> published;
    try {
      published = context.registerService(Condition.class, Condition.INSTANCE, properties);
    } catch (IllegalStateException bundleStopping) {
      return;
    }
    boolean keep;
    synchronized (this) {
      keep = !closed;
      if (keep) {
        registration = published;
      }
    }
    if (keep) {
      LOG.debug("Published {} for {}", CONDITION_ID, properties);
    } else {
      unregister(published); // closed while registering
    }
  }

  /** Withdraws the condition (if published) and stops any later publication. */
  void close() {
    ServiceRegistration<Condition> published;
    synchronized (this) {
      closed = true;
      published = registration;
      registration = null;
    }
    if (published != null) {
      unregister(published);
    }
  }

  private static void unregister(ServiceRegistration<Condition> published) {
    try {
      published.unregister();
    } catch (IllegalStateException alreadyGone) {
      // The framework unregisters a stopping bundle's services itself.
    }
  }
}
