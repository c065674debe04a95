package org.alertcluster.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.alertcluster.api.spi.PeerProvider;

/**
 * The plain-JVM entry point: finds a {@link PeerProvider} with {@link ServiceLoader} and creates a
 * {@link Peer}. With {@code alertcluster-impl} (and its dependencies) on the class path:
 *
 * <pre>{@code
 * Peer peer = Peers.create(ClusterConfig.builder().bindAddress("127.0.0.1:9094").build());
 * }</pre>
 *
 * <p>In OSGi, do not use this class: take the {@link Peer} service that the impl bundle registers for
 * each configuration, and contribute States as services (the whiteboard).
 */
public final class Peers {

  private Peers() {}

  /**
   * Creates a peer with the first provider found through the thread context class loader (or this
   * class's loader when there is none). The peer is joining when this returns.
   *
   * @param config the configuration
   * @return a new peer
   * @throws IllegalStateException if no provider is on the class path
   * @throws RuntimeException whatever the provider throws when the peer cannot start (port in use,
   *     unresolvable advertise address)
   */
  public static Peer create(ClusterConfig config) {
    return create(config, defaultLoader());
  }

  /**
   * Creates a peer with the first provider found through {@code loader}.
   *
   * @param config the configuration
   * @param loader where to look for {@code META-INF/services/org.alertcluster.api.spi.PeerProvider}
   * @return a new peer
   * @throws IllegalStateException if no provider is found
   */
  public static Peer create(ClusterConfig config, ClassLoader loader) {
    Objects.requireNonNull(config, "config");
    return provider(loader).create(config);
  }

  /**
   * Creates a peer and adds to it every {@link State} listed in
   * {@code META-INF/services/org.alertcluster.api.State} on the class path: the plain-JVM counterpart
   * of the OSGi State whiteboard, for hosts that assemble their states from several jars. Each listed
   * class needs a public no-argument constructor. The states are added before the peer returns, so they
   * take part in its first full-state exchange.
   *
   * @param config the configuration
   * @param loader where to look for the provider and the states
   * @return a new peer with the discovered states added
   * @throws IllegalStateException if no provider is found, or two discovered states share a key
   * @throws java.util.ServiceConfigurationError if a listed State cannot be instantiated
   */
  public static Peer createWithDiscoveredStates(ClusterConfig config, ClassLoader loader) {
    List<State> states = discoverStates(loader);
    Peer peer = create(config, loader);
    try {
      for (State state : states) {
        peer.addState(state);
      }
      return peer;
    } catch (RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  /**
   * The {@link State}s listed in {@code META-INF/services/org.alertcluster.api.State}, instantiated.
   *
   * @param loader where to look
   * @return the states in class-path order
   */
  public static List<State> discoverStates(ClassLoader loader) {
    List<State> states = new ArrayList<>();
    ServiceLoader.load(State.class, loader).forEach(states::add);
    return states;
  }

  /**
   * The first {@link PeerProvider} visible to {@code loader}.
   *
   * @param loader where to look
   * @return the provider
   * @throws IllegalStateException if there is none, naming the artifact to add
   */
  public static PeerProvider provider(ClassLoader loader) {
    Iterator<PeerProvider> it = ServiceLoader.load(PeerProvider.class, loader).iterator();
    try {
      if (it.hasNext()) {
        return it.next();
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("A " + PeerProvider.class.getName()
          + " is listed on the class path but cannot be loaded: " + e.getMessage(), e);
    }
    throw new IllegalStateException("No " + PeerProvider.class.getName()
        + " found on the class path. Add org.alertcluster:alertcluster-impl (it embeds JGroups and "
        + "depends on com.google.protobuf:protobuf-java and org.slf4j:slf4j-api) to the runtime "
        + "class path. In OSGi, use the Peer service instead of Peers.");
  }

  private static ClassLoader defaultLoader() {
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    return tccl != null ? tccl : Peers.class.getClassLoader();
  }
}
