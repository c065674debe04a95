package org.alertcluster.spitests.inmemory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.State;

/**
 * A Peer that lives in this JVM only, for the kit's self-test of {@link
 * org.alertcluster.spitests.PeerVerification}: peers find each other by their bind address in a
 * static registry, groups are shared lists, broadcasts are direct merges. It follows the api
 * faithfully unless told to break one thing ({@link Flaw}), so that each peer rule can be shown to
 * fail for the flaw it is about. Not a model of a real network: no latency, no loss.
 */
final class InMemoryPeer implements Peer {

  /** One deliberate deviation from the api. */
  enum Flaw {
    /** members() in join order instead of name order, and positions from that order. */
    MEMBERS_UNSORTED,
    /** ready() never completes and the status stays SETTLING. */
    NEVER_READY,
    /** Broadcasts over oversizedMessageThreshold are dropped. */
    DROPS_OVERSIZED,
    /** No full-state exchange on join or on addState. */
    NO_CATCH_UP,
    /** A graceful leave is reported to the others as a failure. */
    LEAVE_REPORTED_AS_FAILED,
    /** Joins whatever group the known peer is in, whatever its cluster name. */
    IGNORES_CLUSTER_NAME,
    /** removeState forgets the channel but keeps merging incoming data. */
    REMOVE_KEEPS_DELIVERING
  }

  private static final Map<String, InMemoryPeer> BY_ADDRESS = new ConcurrentHashMap<>();
  private static final AtomicLong NAMES = new AtomicLong(System.nanoTime());
  private static final Object LOCK = new Object();

  private final ClusterConfig config;
  private final Set<Flaw> flaws;
  private final Member self;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Map<String, State> removed = new ConcurrentHashMap<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile List<InMemoryPeer> group;
  private volatile PeerStatus status = PeerStatus.SETTLING;

  private InMemoryPeer(ClusterConfig config, Set<Flaw> flaws) {
    this.config = config;
    this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    // Descending names: the join order and the name order differ, as they may in real clusters.
    this.self = new Member(String.format("n%019d", Long.MAX_VALUE / 2 - NAMES.incrementAndGet()),
        config.bindAddress());
  }

  static InMemoryPeer start(ClusterConfig config, Set<Flaw> flaws) {
    InMemoryPeer peer = new InMemoryPeer(config, flaws);
    if (BY_ADDRESS.putIfAbsent(config.bindAddress(), peer) != null) {
      throw new IllegalStateException("address in use: " + config.bindAddress());
    }
    synchronized (LOCK) {
      List<InMemoryPeer> joined = null;
      for (String known : config.knownPeers()) {
        InMemoryPeer other = BY_ADDRESS.get(known);
        if (other != null && other.group != null && (flaws.contains(Flaw.IGNORES_CLUSTER_NAME)
            || other.config.clusterName().equals(config.clusterName()))) {
          joined = other.group;
          break;
        }
      }
      peer.group = joined != null ? joined : new CopyOnWriteArrayList<>();
      peer.group.add(peer);
      for (InMemoryPeer other : peer.group) {
        if (other != peer) {
          other.listeners.forEach(l -> l.joined(peer.self));
        }
      }
    }
    if (!flaws.contains(Flaw.NEVER_READY)) {
      peer.status = PeerStatus.READY;
      peer.ready.complete(null);
    }
    return peer;
  }

  /** Vanishes without a goodbye: the others are told it failed. */
  void crash() {
    depart(true);
  }

  private void depart(boolean failed) {
    synchronized (LOCK) {
      if (status == PeerStatus.LEFT) {
        return;
      }
      status = PeerStatus.LEFT;
      ready.completeExceptionally(new IllegalStateException("left"));
      group.remove(this);
      for (InMemoryPeer other : group) {
        other.listeners.forEach(l -> {
          if (failed) {
            l.failed(self);
          } else {
            l.left(self);
          }
        });
      }
      group = new CopyOnWriteArrayList<>(List.of(this));
      BY_ADDRESS.remove(config.bindAddress(), this);
    }
  }

  private List<InMemoryPeer> others() {
    List<InMemoryPeer> out = new ArrayList<>(group);
    out.remove(this);
    return out;
  }

  private void deliver(String key, byte[] data) {
    State state = states.get(key);
    if (state == null && flaws.contains(Flaw.REMOVE_KEEPS_DELIVERING)) {
      state = removed.get(key);
    }
    if (state != null) {
      state.merge(data);
    }
  }

  @Override
  public String name() {
    return self.name();
  }

  @Override
  public Member self() {
    return self;
  }

  @Override
  public List<Member> members() {
    List<InMemoryPeer> peers = new ArrayList<>(group);
    if (!flaws.contains(Flaw.MEMBERS_UNSORTED)) {
      peers.sort(Comparator.comparing(InMemoryPeer::name));
    }
    return peers.stream().map(p -> p.self).toList();
  }

  @Override
  public int clusterSize() {
    return group.size();
  }

  @Override
  public int position() {
    return members().indexOf(self);
  }

  @Override
  public PeerStatus status() {
    return status;
  }

  @Override
  public ClusterConfig config() {
    return config;
  }

  @Override
  public Channel addState(State state) {
    String key = state.key();
    if (states.putIfAbsent(key, state) != null) {
      throw new IllegalStateException("key in use: " + key);
    }
    if (!flaws.contains(Flaw.NO_CATCH_UP)) {
      for (InMemoryPeer other : others()) {
        State theirs = other.states.get(key);
        if (theirs != null) {
          state.merge(theirs.marshalBinary());
        }
      }
    }
    Channel channel = new Channel() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public void broadcast(byte[] data) {
        if (states.get(key) != state || status == PeerStatus.LEFT) {
          return;
        }
        if (data.length > config.oversizedMessageThreshold()
            && flaws.contains(Flaw.DROPS_OVERSIZED)) {
          return;
        }
        others().forEach(o -> o.deliver(key, data));
      }
    };
    channels.put(key, channel);
    return channel;
  }

  @Override
  public void removeState(String key) {
    State state = states.remove(key);
    channels.remove(key);
    if (state != null) {
      removed.put(key, state);
    }
  }

  @Override
  public Optional<Channel> channel(String key) {
    return Optional.ofNullable(channels.get(key));
  }

  @Override
  public CompletionStage<Void> ready() {
    return ready;
  }

  @Override
  public boolean awaitReady(Duration timeout) {
    return status.isReady();
  }

  @Override
  public void leave(Duration timeout) {
    depart(flaws.contains(Flaw.LEAVE_REPORTED_AS_FAILED));
  }

  @Override
  public void close() {
    leave(Duration.ofSeconds(10));
  }

  @Override
  public void addMembershipListener(MembershipListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeMembershipListener(MembershipListener listener) {
    listeners.remove(listener);
  }

  @Override
  public List<Member> failedMembers() {
    return List.of();
  }

  @Override
  public java.util.Map<String, Integer> stateSizes() {
    java.util.Map<String, Integer> sizes = new java.util.TreeMap<>();
    states.forEach((k, s) -> sizes.put(k, s.marshalBinary().length));
    return sizes;
  }

  @Override
  public ClusterMetrics metrics() {
    return metric -> 0; // the in-memory double counts nothing
  }
}
