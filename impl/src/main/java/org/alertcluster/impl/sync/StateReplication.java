package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Member;
import org.alertcluster.api.State;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.alertcluster.impl.wire.AckedUpdate;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.Part;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.MergeView;
import org.jgroups.View;

/**
 * A peer's state replication: builds and owns the registry of States ({@code StateRegistry}), the
 * broadcast queues ({@code Broadcaster}), the acknowledged broadcasts ({@code AckedBroadcasts}),
 * push-pull full-state exchange ({@code StateExchanger}) and the policy of when to exchange with
 * whom ({@code SyncCoordinator}), and sends what they send on the peer's JGroups channel. The peer
 * hands it views, the replication messages it receives and its periodic ticks; what a State
 * broadcasts goes through the {@link Channel} returned by {@link #open}.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) creates it, feeds it and stops it;
 * <b>not API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list
 * of impl's public types with the reason for each.
 */
public final class StateReplication {

  private final PeerLog log;
  private final Supplier<JChannel> channel;
  private final PeerCounters counters;
  private final StateRegistry registry;
  private final Broadcaster broadcaster;
  private final StateExchanger exchanger;
  private final SyncCoordinator sync;
  private final AckedBroadcasts acked;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  /** The peer's threads this replication runs on. */
  public record Threads(String prefix, Executor exchange, ScheduledExecutorService scheduler,
      Executor notifier) {}

  /**
   * @param name the peer's name, at the start of every log line
   * @param config queue capacities, oversized threshold and {@code tcpTimeout}
   * @param counters where sends, receives and failures are counted
   * @param channel the peer's JGroups channel (null before the first connect)
   * @param others the other members of the current view
   * @param members the Member of an address (also of one that just left)
   * @param threads where sending, exchanging, timeouts and completions run
   */
  public StateReplication(String name, ClusterConfig config, PeerCounters counters,
      Supplier<JChannel> channel, Supplier<List<Address>> others, Function<Address, Member> members,
      Threads threads) {
    this.log = new PeerLog(StateReplication.class, name);
    this.channel = channel;
    this.counters = counters;
    this.registry = new StateRegistry(name, counters);
    this.broadcaster = new Broadcaster(config.oversizedMessageThreshold(),
        config.sendQueueCapacity(), config.oversizedQueueCapacity(), counters,
        new Broadcaster.Multicast() {
          @Override
          public void send(byte[] envelope) throws Exception {
            channel.get().send(multicast(envelope));
          }

          @Override
          public boolean trySendNow(byte[] envelope) throws Exception {
            return sendWithoutBlocking(envelope);
          }
        }, threads.prefix());
    this.exchanger = new StateExchanger(registry, counters,
        (target, envelope) -> channel.get().send(new BytesMessage(target, envelope)),
        threads.exchange(), threads.scheduler(), config.tcpTimeout());
    this.sync = new SyncCoordinator(exchanger, others, registry::isEmpty);
    this.acked = new AckedBroadcasts(broadcaster, others, members, threads.scheduler(),
        threads.notifier());
  }

  /** Starts the sender threads. */
  public void start() {
    broadcaster.start();
  }

  // ------------------------------------------------------------ States

  /**
   * Registers a State.
   *
   * @param state the State
   * @return false if a State with the same key is already registered
   */
  public boolean add(State state) {
    return registry.add(state);
  }

  /**
   * Opens the {@link Channel} of a State just {@linkplain #add added} and catches it up with every
   * other member.
   *
   * @param state the State
   * @param peerActive whether the peer has not left
   * @param holdReadiness whether the catch-up holds readiness back (the peer is not ready yet)
   * @return its channel, which sends only while the State is registered and the peer active
   */
  public Channel open(State state, BooleanSupplier peerActive, boolean holdReadiness) {
    String key = state.key();
    Channel ch = acked.channel(key,
        () -> peerActive.getAsBoolean() && registry.get(key).orElse(null) == state);
    channels.put(key, ch);
    sync.catchUp(key, holdReadiness);
    return ch;
  }

  /** @param key the key of the State to unregister (no-op if none) */
  public void remove(String key) {
    registry.remove(key);
    channels.remove(key);
  }

  /**
   * @param key a State's key
   * @return its channel, if a State with that key is registered
   */
  public Optional<Channel> channel(String key) {
    return Optional.ofNullable(channels.get(key));
  }

  /** @return true while no State is registered */
  public boolean noStates() {
    return registry.isEmpty();
  }

  /** @return every registered State's marshalled size in bytes, by key */
  public Map<String, Integer> stateSizes() {
    return registry.sizes();
  }

  /** @return envelopes waiting in the broadcast queues */
  public int queueDepth() {
    return broadcaster.depth();
  }

  // ------------------------------------------------------------ exchanges

  /** @param listener called whenever an exchange round made progress (readiness may have changed) */
  public void onProgress(Runnable listener) {
    sync.onProgress(listener);
  }

  /** @return whether this peer has received the cluster's state (see {@code SyncCoordinator}) */
  public boolean initialStateReceived() {
    return sync.initialStateReceived();
  }

  /** Runs a join round if the state is not in yet and none is running. */
  public void joinExchange() {
    sync.joinExchange();
  }

  /** Exchanges full state with one random other member. */
  public void antiEntropy() {
    sync.antiEntropy();
  }

  /**
   * @param view the new view
   * @param beforeReady whether the peer is still settling
   */
  public void viewChanged(View view, boolean beforeReady) {
    acked.viewChanged(view);
    sync.viewChanged(beforeReady);
  }

  /**
   * Reconciles after a merge: see {@code SyncCoordinator.merged}.
   *
   * @param view the merge view
   * @param self this peer's address
   * @param previous the view before it
   * @return the members exchanged with
   */
  public Set<Address> merged(MergeView view, Address self, View previous) {
    return sync.merged(view, self, previous);
  }

  // ------------------------------------------------------------ receive path

  /**
   * Handles a replication message: an update (merged on the caller's thread), an acknowledged
   * update (merged, then answered), an answer to one, or a push-pull message (to the exchange
   * executor). Runs on JGroups' threads.
   *
   * @param from the sender
   * @param envelope the decoded message
   * @param length its size on the wire, in bytes
   */
  public void receive(Address from, Envelope envelope, int length) {
    switch (envelope.getBodyCase()) {
      case UPDATE -> {
        Part part = envelope.getUpdate();
        counters.increment(ClusterMetric.UPDATES_RECEIVED);
        counters.add(ClusterMetric.UPDATE_BYTES_RECEIVED, length);
        registry.merge(part.getKey(), part.getData().toByteArray(), "update from " + from);
      }
      case PUSH_PULL_REQUEST -> exchanger.onRequest(from, envelope.getPushPullRequest(), length);
      case PUSH_PULL_REPLY -> exchanger.onReply(from, envelope.getPushPullReply(), length);
      case FULL_STATE_PUSH -> exchanger.onPush(from, envelope.getFullStatePush(), length);
      case ACKED_UPDATE -> {
        AckedUpdate update = envelope.getAckedUpdate();
        Part part = update.getPart();
        counters.increment(ClusterMetric.UPDATES_RECEIVED);
        counters.add(ClusterMetric.UPDATE_BYTES_RECEIVED, length);
        boolean applied = registry.merge(part.getKey(), part.getData().toByteArray(),
            "acknowledged update from " + from);
        sendAck(from, WireCodec.updateAck(update.getId(), applied));
      }
      case UPDATE_ACK -> acked.answered(from, envelope.getUpdateAck().getId(),
          envelope.getUpdateAck().getApplied());
      default -> counters.increment(ClusterMetric.MALFORMED_MESSAGES);
    }
  }

  // ------------------------------------------------------------ stop

  /** Stops exchanging: exchanges cut short by the shutdown that follows are not counted as failed. */
  public void closeExchanges() {
    exchanger.close();
  }

  /**
   * Stops the sender threads and completes every open acknowledged broadcast; before the notifier
   * stops, so every stage is completed.
   *
   * @param timeout how long the senders may take to finish
   */
  public void stop(Duration timeout) {
    broadcaster.stop(timeout);
    acked.closeAll();
  }

  // ------------------------------------------------------------ send path

  private void sendAck(Address to, byte[] envelope) {
    try {
      channel.get().send(new BytesMessage(to, envelope)
          .setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE));
    } catch (Exception e) {
      log.debug("acknowledgement to {} not sent: {}", to, e.toString());
    }
  }

  /**
   * Sends on the caller's thread with {@code DONT_BLOCK}: MFC drops instead of waiting for credits,
   * and the drop shows in {@link StackBuilder#droppedForCredits}; then the caller queues it. Only one such send runs at a
   * time (the Broadcaster's fast path is exclusive), so a moved count is this message's drop. A stack
   * from {@code stackConfig} has no drop count: everything is queued, as before.
   */
  private boolean sendWithoutBlocking(byte[] envelope) throws Exception {
    JChannel ch = channel.get();
    long dropped = ch == null ? -1 : StackBuilder.droppedForCredits(ch);
    if (dropped < 0 || !ch.isConnected()) {
      return false;
    }
    ch.send(multicast(envelope).setFlag(Message.TransientFlag.DONT_BLOCK));
    return StackBuilder.droppedForCredits(ch) == dropped;
  }

  private static Message multicast(byte[] envelope) {
    // OOB: merges commute, so ordering buys nothing and OOB delivery skips a queue.
    return new BytesMessage(null, envelope).setFlag(Message.Flag.OOB)
        .setFlag(Message.TransientFlag.DONT_LOOPBACK);
  }

  // ------------------------------------------------------------ for TestSeam's benchmarks

  /**
   * What a peer with these States sends in a full-state exchange, without a peer: for the test
   * seam's codec microbenchmarks.
   *
   * @param states the States, with distinct keys
   * @return a supplier that marshals and encodes them on every call
   * @throws IllegalArgumentException if two States have the same key
   */
  public static Supplier<byte[]> fullStateEncoder(State... states) {
    StateRegistry registry = registryOf(states);
    return () -> WireCodec.fullStatePush(registry.fullState(List.of()));
  }

  /**
   * The merge step of the receive path without a peer: for the test seam's dispatch
   * microbenchmarks.
   *
   * @param states the States, with distinct keys
   * @return a consumer of decoded update or full-state envelopes
   * @throws IllegalArgumentException if two States have the same key; (from the consumer) if the
   *     envelope is not an update or full state
   */
  public static Consumer<Envelope> merger(State... states) {
    StateRegistry registry = registryOf(states);
    return e -> {
      switch (e.getBodyCase()) {
        case UPDATE -> registry.merge(e.getUpdate().getKey(), e.getUpdate().getData().toByteArray(),
            "test seam");
        case FULL_STATE_PUSH -> registry.mergeAll(e.getFullStatePush(), "test seam");
        default -> throw new IllegalArgumentException("not an update or full state: " + e.getBodyCase());
      }
    };
  }

  private static StateRegistry registryOf(State... states) {
    StateRegistry registry = new StateRegistry(new PeerCounters());
    for (State s : states) {
      if (!registry.add(s)) {
        throw new IllegalArgumentException("two States with key '" + s.key() + "'");
      }
    }
    return registry;
  }
}
