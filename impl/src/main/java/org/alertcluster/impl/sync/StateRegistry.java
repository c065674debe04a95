package org.alertcluster.impl.sync;

import com.google.protobuf.UnsafeByteOperations;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.State;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.alertcluster.impl.wire.FullState;
import org.alertcluster.impl.wire.Part;

/**
 * The registered States by key, and the two operations the cluster performs on them: merging data
 * that arrived, and building a full state to send.
 *
 * <p>Failures stay local to one key: a {@link State#merge} that throws is counted
 * ({@code mergesFailed}) and the next part is merged anyway (Alertmanager aborts the rest of a full
 * state); a {@link State#marshalBinary} that throws leaves only that key out of the full state
 * ({@code marshalsFailed}; Alertmanager sends nothing at all). Data for an unregistered key is
 * counted ({@code unknownKeys}) and ignored: replicas may register States in different orders or
 * run different versions.
 *
 * <p>Package-private: built and owned by {@link StateReplication}, the package's one public type.
 */
final class StateRegistry {


  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final PeerCounters counters;
  private final String peerName;
  private final PeerLog log;
  private final PeerLog mergeWarnings;
  private final PeerLog unknownWarnings;

  /** @param counters where failures are counted */
  StateRegistry(PeerCounters counters) {
    this("", counters);
  }

  /**
   * @param peerName this peer's name, at the start of every log line
   * @param counters where failures are counted
   */
  StateRegistry(String peerName, PeerCounters counters) {
    this.peerName = peerName;
    this.log = new PeerLog(StateRegistry.class, peerName);
    this.mergeWarnings = log.warnAtMostEvery(10_000);
    this.unknownWarnings = log.warnAtMostEvery(60_000);
    this.counters = counters;
  }

  /** @return the name of the peer these States belong to, for its components' log lines */
  String peerName() {
    return peerName;
  }

  /** @return true while no State is registered */
  boolean isEmpty() {
    return states.isEmpty();
  }

  /**
   * Registers a State.
   *
   * @param state the state
   * @return false if a State with the same key is registered already
   */
  boolean add(State state) {
    return states.putIfAbsent(state.key(), state) == null;
  }

  /**
   * @param key the key
   * @return the State removed, if any
   */
  Optional<State> remove(String key) {
    return Optional.ofNullable(states.remove(key));
  }

  /**
   * @param key the key
   * @return the State registered under {@code key}
   */
  Optional<State> get(String key) {
    return Optional.ofNullable(states.get(key));
  }

  /**
   * Merges data for one key into its State.
   *
   * @param key the key
   * @param data the bytes
   * @param origin what the data is, for the log ("update from X", "full state from X")
   * @return true if a State is registered under {@code key} and its merge returned normally
   */
  boolean merge(String key, byte[] data, String origin) {
    return merge(key, data, origin, false);
  }

  private boolean merge(String key, byte[] data, String origin, boolean partOfFullState) {
    State state = states.get(key);
    if (state == null) {
      counters.increment(ClusterMetric.UNKNOWN_KEYS);
      if (partOfFullState) {
        // Normal while a host is still adding its States after joining (the catch-up exchange
        // fetches them again), or when replicas run different sets of States: counted, not warned.
        log.debug("Ignoring {} for key '{}': no State registered under it", origin, key);
      } else {
        unknownWarnings.warn("Ignoring {} for key '{}': no State registered under it", origin, key);
      }
      return false;
    }
    try {
      state.merge(data);
      return true;
    } catch (RuntimeException e) {
      counters.increment(ClusterMetric.MERGES_FAILED);
      mergeWarnings.warn("State '{}' failed to merge {} ({} bytes); dropped", key,
          origin, data.length, e);
      return false;
    }
  }

  /**
   * Merges every part of a full state.
   *
   * @param state the full state
   * @param origin for the log
   */
  void mergeAll(FullState state, String origin) {
    for (Part part : state.getPartsList()) {
      merge(part.getKey(), part.getData().toByteArray(), origin, true);
    }
  }

  /** @return the keys of the States registered now */
  java.util.Set<String> keys() {
    return java.util.Set.copyOf(states.keySet());
  }

  /**
   * Marshals every State now and reports its size, for operators.
   *
   * @return key to marshalled size in bytes (-1 when marshalBinary threw), sorted by key
   */
  Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    states.forEach((key, state) -> {
      int size;
      try {
        byte[] data = state.marshalBinary();
        size = data == null ? -1 : data.length;
      } catch (RuntimeException e) {
        size = -1;
      }
      sizes.put(key, size);
    });
    return java.util.Collections.unmodifiableMap(sizes);
  }

  /**
   * Marshals every State, or only those in {@code keys} when it is not empty.
   *
   * @param keys a key filter; empty for all
   * @return the full state
   */
  FullState fullState(Collection<String> keys) {
    FullState.Builder b = FullState.newBuilder();
    for (Map.Entry<String, State> e : states.entrySet()) {
      if (!keys.isEmpty() && !keys.contains(e.getKey())) {
        continue;
      }
      byte[] data;
      try {
        data = e.getValue().marshalBinary();
        if (data == null) {
          throw new NullPointerException("marshalBinary returned null");
        }
      } catch (RuntimeException ex) {
        counters.increment(ClusterMetric.MARSHALS_FAILED);
        mergeWarnings.warn("State '{}' failed to marshal; left out of the full state",
            e.getKey(),
            ex);
        continue;
      }
      b.addParts(Part.newBuilder().setKey(e.getKey())
          .setData(UnsafeByteOperations.unsafeWrap(data)));
    }
    return b.build();
  }
}
