package org.alertcluster.spitests.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;

/**
 * Starts peers for a test and closes every one of them afterwards: bound to 127.0.0.1 on ports
 * proven free, with short settle and probe timings, a cluster name unique to this instance, and
 * known peers pointing at the peers given. Use one per test and close it in {@code @AfterEach} (or
 * try-with-resources), also when the test fails.
 *
 * <pre>{@code
 * try (PeerCluster cluster = new PeerCluster(Peers::create)) {
 *   List<Peer> peers = cluster.start(3);
 *   ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 3);
 * }
 * }</pre>
 */
public final class PeerCluster implements AutoCloseable {

  private static final int START_ATTEMPTS = 3;

  private final Function<ClusterConfig, Peer> factory;
  private final String clusterName;
  private final UnaryOperator<ClusterConfig.Builder> customizer;
  private final List<Peer> created = new CopyOnWriteArrayList<>();
  private volatile LinkControl links;

  /**
   * A cluster with a generated unique name and the default test timings.
   *
   * @param factory creates a peer from a configuration, e.g. {@code Peers::create}
   */
  public PeerCluster(Function<ClusterConfig, Peer> factory) {
    this(factory, "kit-" + UUID.randomUUID().toString().substring(0, 8), UnaryOperator.identity());
  }

  /**
   * A cluster with a given name and a hook to change the test configuration.
   *
   * @param factory creates a peer from a configuration
   * @param clusterName the cluster name of peers started with {@link #start(int)}
   * @param customizer applied to every builder after the test defaults
   */
  public PeerCluster(Function<ClusterConfig, Peer> factory, String clusterName,
      UnaryOperator<ClusterConfig.Builder> customizer) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
    this.customizer = Objects.requireNonNull(customizer, "customizer");
  }

  /**
   * The test defaults: {@link ClusterConfig#loopback()} on {@code 127.0.0.1:port}, with anti-entropy
   * every minute (so that tests of the join-time exchange cannot pass by anti-entropy) and an
   * oversized threshold of 4 KiB (so that tests reach the oversized path with small States).
   *
   * @param clusterName the cluster name
   * @param port the port to bind on 127.0.0.1
   * @return a builder with these values
   */
  public static ClusterConfig.Builder testDefaults(String clusterName, int port) {
    return ClusterConfig.loopback()
        .clusterName(clusterName)
        .bindAddress("127.0.0.1:" + port)
        .pushPullInterval(Duration.ofMinutes(1))
        .oversizedMessageThreshold(4096);
  }

  /**
   * A configuration for a peer of this cluster that the test starts itself (to expect a failure,
   * or to own its lifecycle): the test defaults on a port proven free, then the customizer.
   *
   * @return a builder; the caller may change anything
   */
  public ClusterConfig.Builder config() {
    return customizer.apply(testDefaults(clusterName, FreePorts.next()));
  }

  /**
   * This cluster's name.
   *
   * @return the name
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * Starts {@code n} peers: the first alone, the others knowing the first.
   *
   * @param n how many, at least 1
   * @return the peers in start order
   */
  public List<Peer> start(int n) {
    List<Peer> peers = new ArrayList<>();
    peers.add(startKnowing(clusterName, List.of()));
    for (int i = 1; i < n; i++) {
      peers.add(startKnowing(clusterName, List.of(peers.get(0))));
    }
    return peers;
  }

  /**
   * Starts one peer of {@code cluster} that knows the given peers' addresses. A start that fails
   * (for example because another process took the port) is retried on a new port, twice.
   *
   * @param cluster the cluster name for this peer
   * @param known peers whose {@link Peer#self()} addresses go into knownPeers
   * @return the started peer, closed by {@link #close()}
   */
  public Peer startKnowing(String cluster, List<Peer> known) {
    return startWith(cluster, known, UnaryOperator.identity());
  }

  private Peer startWith(String cluster, List<Peer> known, UnaryOperator<ClusterConfig.Builder> change) {
    List<String> addresses = known.stream().map(p -> p.self().address()).toList();
    RuntimeException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      ClusterConfig config = change.apply(customizer.apply(testDefaults(cluster, FreePorts.next())
          .knownPeers(addresses))).build();
      try {
        Peer peer = Objects.requireNonNull(factory.apply(config), "the factory returned null");
        created.add(peer);
        return peer;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException("could not start a peer in " + START_ATTEMPTS + " attempts",
        last);
  }

  /**
   * Starts one peer of this cluster with the test defaults, the customizer and then {@code change},
   * knowing the given peers' addresses. Retried on a new port like
   * {@link #startKnowing(String, List)}.
   *
   * <pre>{@code
   * Peer a = cluster.start(b -> b.nodeName("alpha"));
   * Peer b = cluster.start(b -> b.reconnectTimeout(Duration.ofSeconds(3)), a);
   * }</pre>
   *
   * @param change applied last to every attempt's builder
   * @param known peers whose {@link Peer#self()} addresses go into knownPeers
   * @return the started peer, closed by {@link #close()}
   */
  public Peer start(UnaryOperator<ClusterConfig.Builder> change, Peer... known) {
    return startWith(clusterName, List.of(known), change);
  }

  /**
   * Sets how links are cut and restored, for {@link #partition} and {@link #heal}.
   *
   * @param control the host's link control
   * @return this cluster
   */
  public PeerCluster withLinkControl(LinkControl control) {
    this.links = Objects.requireNonNull(control, "control");
    return this;
  }

  /**
   * Splits the peers into groups that cannot reach each other (a network partition), through the
   * {@link LinkControl} given to {@link #withLinkControl}. Each group's view shrinks by failure
   * detection ({@code failureDetectionTimeout}, 2 s with the test defaults); wait for it with
   * {@link ClusterAwait#awaitSameView} on each group.
   *
   * @param groups disjoint groups of peers started here
   * @throws UnsupportedOperationException if no link control was set
   */
  @SafeVarargs
  public final void partition(List<Peer>... groups) {
    requireLinks().cut(List.of(groups));
  }

  /**
   * Restores every link cut by {@link #partition}.
   *
   * @throws UnsupportedOperationException if no link control was set
   */
  public void heal() {
    requireLinks().heal(List.copyOf(created));
  }

  /**
   * Waits until the given peers form one view of all of them and the given States hold the same
   * entries: what must hold after {@link #heal}.
   *
   * @param timeout the longest to wait
   * @param peers the peers that must be in one view
   * @param states their States
   * @throws AssertionError naming the views or the differing States if it did not happen in time
   */
  public void awaitConverged(Duration timeout, List<Peer> peers,
      List<org.alertcluster.spitests.sample.LwwMapState> states) {
    ClusterAwait.awaitSameView(timeout, peers, peers.size());
    ClusterAwait.awaitConverged(timeout, states);
  }

  private LinkControl requireLinks() {
    LinkControl l = links;
    if (l == null) {
      throw new UnsupportedOperationException("no LinkControl: call withLinkControl(...) with one "
          + "that cuts the links of your peer implementation");
    }
    return l;
  }

  /**
   * Every peer started so far, in start order.
   *
   * @return an unmodifiable list
   */
  public List<Peer> created() {
    return Collections.unmodifiableList(created);
  }

  /**
   * Leaves with every peer started here (2 s each at most), last started first; errors are collected
   * and rethrown after all were closed.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    List<Peer> reversed = new ArrayList<>(created);
    Collections.reverse(reversed);
    for (Peer peer : reversed) {
      try {
        peer.leave(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    created.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
