package org.alertcluster.impl.osgi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Peer;
import org.alertcluster.api.State;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The State whiteboard of one peer: every {@link State} service whose {@value State#CLUSTER_PROPERTY}
 * is absent or equals the peer's cluster name is added to the peer, and the returned {@link Channel}
 * is registered as a service with {@value State#KEY_PROPERTY}, {@value State#CLUSTER_PROPERTY} and
 * {@value Peer#NAME_PROPERTY}. When the State service goes away (or stops matching), its Channel
 * service is unregistered and the state removed from the peer.
 *
 * <p>Two services with the same key: the first one seen is replicated; later ones wait in arrival
 * order, logged, and the next is adopted when the current one goes.
 *
 * <p>Service callbacks come from any thread. The bookkeeping is guarded by this object's monitor,
 * which is held while registering Channel services; that is reentrant, so a host component that
 * registers another State from inside its Channel binding is handled on the same thread.
 */
final class StateWhiteboard implements ServiceTrackerCustomizer<State, StateWhiteboard.Tracked> {

  private static final Logger LOG = LoggerFactory.getLogger(StateWhiteboard.class);

  /** One tracked State service. {@code channel} is non-null while it is the adopted one. */
  static final class Tracked {
    final ServiceReference<State> reference;
    final State state;
    final String key;
    ServiceRegistration<Channel> channel;
    boolean adopted;

    Tracked(ServiceReference<State> reference, State state, String key) {
      this.reference = reference;
      this.state = state;
      this.key = key;
    }
  }

  private final BundleContext context;
  private final Peer peer;
  private final String clusterName;
  private final ServiceTracker<State, Tracked> tracker;
  /** Per key: the adopted entry first, then the waiting ones in arrival order. */
  private final Map<String, Deque<Tracked>> byKey = new HashMap<>();
  private boolean closed;

  StateWhiteboard(BundleContext context, Peer peer) {
    this.context = context;
    this.peer = peer;
    this.clusterName = peer.config().clusterName();
    this.tracker = new ServiceTracker<>(context, filter(clusterName), this);
  }

  /** The tracker filter: State services for every cluster or for this one. */
  static Filter filter(String clusterName) {
    String f = "(&(objectClass=" + State.class.getName() + ")(|(!(" + State.CLUSTER_PROPERTY
        + "=*))(" + State.CLUSTER_PROPERTY + "=" + escape(clusterName) + ")))";
    try {
      return FrameworkUtil.createFilter(f);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("Cannot build the State filter " + f, e);
    }
  }

  /** Escapes the LDAP filter specials of RFC 1960 in a value. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '(' || c == ')' || c == '*') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Starts adopting States. */
  void open() {
    tracker.open();
  }

  /** Unregisters every Channel service and removes every adopted State from the peer. */
  void close() {
    synchronized (this) {
      closed = true;
    }
    tracker.close();
  }

  @Override
  public Tracked addingService(ServiceReference<State> reference) {
    State state = context.getService(reference);
    if (state == null) {
      return null;
    }
    String key;
    try {
      key = state.key();
    } catch (RuntimeException e) {
      LOG.error("State service {} from bundle {} failed in key(); not replicated", serviceId(reference),
          bundleName(reference), e);
      context.ungetService(reference);
      return null;
    }
    if (!State.isValidKey(key)) {
      LOG.error("State service {} from bundle {} has the invalid key '{}' (expected {}); not"
          + " replicated", serviceId(reference), bundleName(reference), key, State.KEY_SYNTAX);
      context.ungetService(reference);
      return null;
    }
    Tracked tracked = new Tracked(reference, state, key);
    synchronized (this) {
      if (closed) {
        context.ungetService(reference);
        return null;
      }
      Deque<Tracked> queue = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
      queue.addLast(tracked);
      if (queue.size() == 1) {
        adopt(tracked);
      } else {
        Tracked current = queue.peekFirst();
        LOG.warn("Peer {} (cluster {}): State key '{}' of service {} from bundle {} is already"
            + " provided by service {} from bundle {}; it is left out until that one goes",
            peer.name(), clusterName, key, serviceId(reference), bundleName(reference),
            serviceId(current.reference), bundleName(current.reference));
      }
    }
    return tracked;
  }

  @Override
  public void modifiedService(ServiceReference<State> reference, Tracked tracked) {
    // State#key() is authoritative and the filter still matches; nothing to do.
  }

  @Override
  public void removedService(ServiceReference<State> reference, Tracked tracked) {
    synchronized (this) {
      Deque<Tracked> queue = byKey.get(tracked.key);
      if (queue != null) {
        // The head is the adopted entry, or one the peer refused (key added through the Peer
        // service); either way the next waiting service gets its turn when the head goes.
        boolean wasHead = queue.peekFirst() == tracked;
        queue.remove(tracked);
        if (tracked.adopted) {
          drop(tracked);
        }
        Tracked next = closed || !wasHead ? null : queue.peekFirst();
        if (next != null) {
          LOG.info("Peer {}: adopting the waiting State service {} for key '{}'", peer.name(),
              serviceId(next.reference), next.key);
          adopt(next);
        }
        if (queue.isEmpty()) {
          byKey.remove(tracked.key);
        }
      }
    }
    context.ungetService(reference);
  }

  /** Adds {@code t} to the peer and registers its Channel. Called with the monitor held. */
  private void adopt(Tracked t) {
    Channel channel;
    try {
      channel = peer.addState(t.state);
    } catch (RuntimeException e) {
      // Typically the key was added programmatically through the Peer service.
      LOG.error("Peer {} refused State service {} from bundle {} (key '{}'): {}", peer.name(),
          serviceId(t.reference), bundleName(t.reference), t.key, e.getMessage(), e);
      return;
    }
    t.adopted = true;
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(State.KEY_PROPERTY, t.key);
    props.put(State.CLUSTER_PROPERTY, clusterName);
    props.put(Peer.NAME_PROPERTY, peer.name());
    ServiceRegistration<Channel> reg = context.registerService(Channel.class, channel, props);
    if (t.adopted) {
      t.channel = reg;
      LOG.debug("Peer {}: replicating State '{}' from bundle {}", peer.name(), t.key,
          bundleName(t.reference));
    } else {
      // The State went away while its Channel was being registered (reentrant removal).
      unregisterQuietly(reg);
    }
  }

  /** Unregisters the Channel and removes the State from the peer. Called with the monitor held. */
  private void drop(Tracked t) {
    t.adopted = false;
    if (t.channel != null) {
      unregisterQuietly(t.channel);
      t.channel = null;
    }
    try {
      peer.removeState(t.key);
    } catch (RuntimeException e) {
      LOG.warn("Peer {}: removing State '{}' failed", peer.name(), t.key, e);
    }
  }

  private static void unregisterQuietly(ServiceRegistration<?> reg) {
    try {
      reg.unregister();
    } catch (IllegalStateException alreadyGone) {
      // The framework unregisters everything when the impl bundle stops.
    }
  }

  private static Object serviceId(ServiceReference<?> ref) {
    return ref.getProperty("service.id");
  }

  private static String bundleName(ServiceReference<?> ref) {
    return ref.getBundle() == null ? "(stopped)" : ref.getBundle().getSymbolicName();
  }
}
