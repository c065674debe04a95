package org.alertcluster.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * This process's membership in one cluster: Alertmanager's {@code cluster.Peer}. Obtained from
 * {@link Peers#create(ClusterConfig)} on a plain JVM, or as an OSGi service configured under the
 * factory PID {@code org.alertcluster.peer}.
 *
 * <p>A peer is already joining when it is handed out: it has bound its port, contacted the
 * {@link ClusterConfig#knownPeers() known peers} (becoming a cluster of one if none answered) and
 * started settling. Typical use, as in Alertmanager:
 *
 * <pre>{@code
 * try (Peer peer = Peers.create(ClusterConfig.builder()
 *         .bindAddress("10.0.0.5:9094")
 *         .knownPeers(List.of("alerting-0.alerting:9094", "alerting-1.alerting:9094"))
 *         .build())) {
 *   Channel silences = peer.addState(silenceState);      // State.key() == "sil"
 *   Channel nflog = peer.addState(notificationLog);      // State.key() == "nfl"
 *   peer.awaitReady(Duration.ofMinutes(1));
 *   ...
 *   Thread.sleep(peer.config().peerTimeout().multipliedBy(peer.position()).toMillis()); // stagger
 *   if (!nflog.alreadySent(group)) { send(group); nflog.record(group); } // the host's own logic
 * }
 * }</pre>
 *
 * <p>States may be added before or after the peer has joined: a State added later is caught up with a
 * full-state exchange for its key, so the order does not lose the initial state (Alertmanager's
 * #1457 cannot happen here).
 *
 * <p>All methods are thread-safe. <b>Which thread calls back:</b> the peer's single notification
 * thread, named {@code alertcluster-<node name>-notify}, completes {@link #ready()} (normally or,
 * when the peer leaves first, exceptionally) and calls every {@link MembershipListener}, one
 * callback at a time, in the order the events happened, and never while holding a lock of the
 * peer. Code chained on {@code ready()} without an executor (and the listeners) therefore runs on
 * that thread: it must not block for long, or later callbacks wait; hand long work to an executor
 * of your own ({@code ready().thenRunAsync(work, executor)}). A stage that is already complete
 * runs a newly chained action on the caller's thread, as every {@link CompletionStage} does.
 */
@ProviderType
public interface Peer extends AutoCloseable {

  /**
   * Service property on a Peer service, {@value}: its {@link ClusterConfig#clusterName()}.
   */
  String CLUSTER_PROPERTY = State.CLUSTER_PROPERTY;

  /** Service property on a Peer service, {@value}: its {@link #name()}. */
  String NAME_PROPERTY = "alertcluster.peer.name";

  /**
   * This peer's node name: {@link ClusterConfig#nodeName()} or, when that is empty, a generated name
   * that is unique and sorts by start time (26 characters, like Alertmanager's ULIDs), so that
   * replicas started earlier come first in {@link #position()}.
   *
   * @return the node name
   */
  String name();

  /**
   * This peer as a member: its name and advertised address.
   *
   * @return this member
   */
  Member self();

  /**
   * The members of the current view, <b>including this one</b>, sorted by name (ordinal order of the
   * name's characters; members with equal names, which the peer reports as conflicts, are ordered by
   * an internal id). Every member of a settled, connected cluster sees the same list.
   *
   * @return an immutable, sorted list with at least this member, even after leaving
   */
  List<Member> members();

  /**
   * The number of members including this one: {@code members().size()}.
   *
   * @return the cluster size, at least 1
   */
  int clusterSize();

  /**
   * This member's index in {@link #members()}: 0 for the first name. Alertmanager waits
   * {@code position() × peerTimeout} before notifying so that only position 0 sends while it is
   * healthy, and the next one takes over when it is not. Two sides of a partition each have a
   * position 0 and both send (fail open).
   *
   * @return a value in {@code [0, clusterSize())}
   */
  int position();

  /**
   * The current members ranked for {@code key} by rendezvous (highest-random-weight) hashing, as
   * {@link Rendezvous#rank(String, List)} of {@link #members()}: index 0 owns the key, index 1 takes
   * over when 0 is gone, and so on. Every member of a connected cluster computes the same list, and
   * each member is first for about {@code 1/clusterSize()} of all keys, so work keyed this way (an
   * alert group's notifications) spreads over the replicas, and a member's failure moves only its
   * share. Unlike {@link #position()}, which ranks every key the same way.
   *
   * <p>A {@code default} method on purpose: the ranking is a pure function of {@link #members()}
   * and the documented hash, so this is the correct implementation for every peer, and existing
   * implementations keep compiling; overriding it would risk members disagreeing.
   *
   * @param key any key, e.g. an alert group's key; not null
   * @return the members, ranked; an immutable list of {@code clusterSize()} members
   * @throws NullPointerException if {@code key} is null
   * @since 1.1
   */
  default List<Member> ranking(String key) {
    return Rendezvous.rank(key, members());
  }

  /**
   * This member's index in {@link #ranking(String)}: 0 when it owns {@code key}. A host that
   * staggers per key waits {@code rank(key) × peerTimeout} instead of {@code position() ×
   * peerTimeout}, so that the work spreads (see {@link #ranking(String)}). Two sides of a partition
   * each have a rank 0 for every key.
   *
   * <p>A {@code default} method, for the reason given at {@link #ranking(String)}.
   *
   * @param key any key; not null
   * @return a value in {@code [0, clusterSize())}
   * @throws NullPointerException if {@code key} is null
   * @since 1.1
   */
  default int rank(String key) {
    List<Member> ranked = ranking(key);
    Member me = self();
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).equals(me)) {
        return i;
      }
    }
    // self() not (yet) among the members with the same address: match by name.
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).name().equals(me.name())) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Where the peer is in its life.
   *
   * @return the current status
   */
  PeerStatus status();

  /**
   * The configuration this peer was created with.
   *
   * @return the configuration
   */
  ClusterConfig config();

  /**
   * Registers a State for replication and returns its Channel. Remote broadcasts and full-state parts
   * for {@link State#key()} are merged into it from now on; if the peer has already joined, a
   * full-state exchange for this key with another member catches it up.
   *
   * @param state the state; its key must match {@link State#KEY_SYNTAX}
   * @return the channel on which to broadcast local changes to {@code state}
   * @throws IllegalArgumentException if the key is invalid
   * @throws IllegalStateException if a State with the same key is already registered (remove it first)
   *     or the peer has left
   */
  Channel addState(State state);

  /**
   * Stops replicating the State with this key: incoming data for it is ignored (and counted as for
   * an unknown key), its channel stops sending. Does nothing if no such State is registered.
   *
   * @param key the key of the State to remove
   */
  void removeState(String key);

  /**
   * The channel of a registered State.
   *
   * @param key a State key
   * @return its channel, or empty if no State is registered under {@code key}
   */
  Optional<Channel> channel(String key);

  /**
   * Completes once the peer is ready: settled ({@link PeerStatus#READY}), or the settle timeout passed
   * ({@link PeerStatus#READY_AFTER_TIMEOUT}). Completes exceptionally if the peer leaves before that.
   * Completed on the peer's notification thread (see the class documentation), shortly after
   * {@link #status()} changed.
   *
   * @return a stage completing when {@link #status()} becomes ready
   */
  CompletionStage<Void> ready();

  /**
   * Waits until the peer is ready or {@code timeout} elapses.
   *
   * @param timeout how long to wait at most
   * @return true if ready, false on timeout or if the peer left first
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitReady(Duration timeout) throws InterruptedException;

  /**
   * Leaves the cluster gracefully: stops the periodic tasks, tells the others that this is a leave
   * (not a failure), hands the JGroups coordinator its leave request and closes the channel, waiting
   * at most {@code timeout} for the others to acknowledge. Queued broadcasts that were not sent by
   * then are dropped. Afterwards {@link #status()} is {@link PeerStatus#LEFT}. Calling it again does
   * nothing (where Alertmanager panics).
   *
   * @param timeout the longest to wait for a clean leave; the resources are released in any case
   */
  void leave(Duration timeout);

  /**
   * {@link #leave(Duration)} with a 10-second timeout, Alertmanager's shutdown value. Idempotent.
   */
  @Override
  void close();

  /**
   * Adds a listener for membership changes. The listener sees changes after this call; it is not
   * told about the members already present (read {@link #members()} for those).
   *
   * @param listener the listener
   */
  void addMembershipListener(MembershipListener listener);

  /**
   * Removes a listener added with {@link #addMembershipListener(MembershipListener)}.
   *
   * @param listener the listener
   */
  void removeMembershipListener(MembershipListener listener);

  /**
   * Members that vanished without leaving and are still being retried (until
   * {@link ClusterConfig#reconnectTimeout()}): memberlist's failed nodes. Like Alertmanager's
   * failed peers ({@code setInitialFailed}), this also lists each {@link ClusterConfig#knownPeers()
   * known peer} that has not been a member since this peer started, with an empty name and its
   * address, until it joins or {@code reconnectTimeout} after the start. Its size is {@link
   * ClusterMetric#FAILED_PEERS}. For operators (shell, JMX, health checks).
   *
   * @return the failed members, oldest failure first, then the known peers not joined yet; empty
   *     when none
   * @since 1.1
   */
  List<Member> failedMembers();

  /**
   * The registered State keys with the size in bytes of each State's full state, marshalled now
   * (what a full-state exchange would send for that key). A State whose
   * {@link State#marshalBinary()} throws is reported with size -1. For operators; this marshals every
   * State, so do not call it in a tight loop.
   *
   * @return key to size in bytes, sorted by key; empty when no State is registered
   * @since 1.1
   */
  Map<String, Integer> stateSizes();

  /**
   * A snapshot of this peer's counters and gauges.
   *
   * @return metrics as of now
   */
  ClusterMetrics metrics();
}
