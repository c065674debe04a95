package org.alertcluster.impl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.State;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.sync.StateReplication;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.wire.Envelope;
import org.alertcluster.impl.wire.WireCodec;
import org.jgroups.JChannel;

/**
 * The one door that tests and benchmarks in other modules have into impl; <b>not API</b>: no
 * compatibility promise, not exported by the bundle, and hosts must not call it. Public only
 * because those callers live in other modules (each method names its caller); impl's own tests
 * use the package-private hooks directly. Everything else the other modules do goes through
 * {@code org.alertcluster.api}.
 */
public final class TestSeam {

  private TestSeam() {}

  /**
   * Cuts a peer off the network (a JGroups {@code DISCARD} above the transport drops everything it
   * sends or receives) or reconnects it; the peer keeps running, so both sides see a partition and
   * MERGE3 heals it after reconnecting. For examples' end-to-end tests, which reach this by
   * reflection (examples depend on impl at run time only).
   *
   * @param peer a peer created by this provider
   * @param isolated true to cut off, false to reconnect
   * @throws IllegalArgumentException if {@code peer} is not one of impl's peers
   */
  public static void isolate(Peer peer, boolean isolated) {
    if (!(peer instanceof JGroupsPeer p)) {
      throw new IllegalArgumentException("peer must be created by alertcluster-impl's provider, was "
          + (peer == null ? "null" : peer.getClass().getName()));
    }
    p.isolateForTesting(isolated);
  }

  /**
   * A free port on {@code config}'s bind address, for {@link #rawChannel}. For the benchmarks'
   * raw-JGroups baseline.
   *
   * @param config the configuration (its bind port is ignored)
   * @return a bind address with a port that is free now
   * @throws IOException if no port can be bound
   */
  public static InetSocketAddress freeEndpoint(ClusterConfig config) throws IOException {
    StackBuilder.Endpoints free = StackBuilder.pickFreePort(StackBuilder.endpoints(config));
    return new InetSocketAddress(free.bindAddress(), free.bindPort());
  }

  /**
   * A JGroups channel, not yet connected, with exactly the protocols and settings a peer with
   * {@code config} runs on, but none of the peer: the benchmarks' raw-JGroups baseline, so that a
   * ratio against it measures what alertcluster adds and not a different stack.
   *
   * @param config the configuration
   * @param bindAt where to bind (from {@link #freeEndpoint})
   * @param knownHosts the hosts TCPPING contacts
   * @return the channel; the caller closes it
   * @throws Exception if JGroups cannot build the stack
   */
  public static JChannel rawChannel(ClusterConfig config, InetSocketAddress bindAt,
      Collection<InetSocketAddress> knownHosts) throws Exception {
    StackBuilder.Endpoints derived = StackBuilder.endpoints(config);
    return StackBuilder.create(config, new StackBuilder.Endpoints(bindAt.getAddress(),
        bindAt.getPort(), derived.advertiseAddress(), derived.advertisePort()), knownHosts);
  }

  /**
   * The envelope a peer multicasts for {@code Channel.broadcast(data)} of the State {@code key}.
   * For the benchmarks' codec microbenchmarks.
   *
   * @param key the State's key
   * @param data the delta
   * @return the bytes on the wire
   */
  public static byte[] updateEnvelope(String key, byte[] data) {
    return WireCodec.update(key, data);
  }

  /**
   * Decodes an envelope the way the receive path does. For the benchmarks' codec
   * microbenchmarks.
   *
   * @param envelope the bytes on the wire
   * @return the decoded message (opaque: only for a benchmark to consume)
   * @throws IllegalArgumentException if the bytes are not a valid envelope
   */
  public static Object decode(byte[] envelope) {
    try {
      return WireCodec.decode(envelope, 0, envelope.length);
    } catch (WireCodec.MalformedMessageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * What a peer with these States sends in a full-state exchange: every State marshalled, in one
   * envelope. For the benchmarks' codec microbenchmarks.
   *
   * @param states the States, with distinct keys
   * @return a supplier that marshals and encodes them on every call
   */
  public static Supplier<byte[]> fullStateEncoder(State... states) {
    return StateReplication.fullStateEncoder(states);
  }

  /**
   * The receive path without the network: decodes an update or full-state envelope and merges it
   * into the State(s) it names, as a peer's receiver does. For the benchmarks' dispatch and codec
   * microbenchmarks.
   *
   * @param states the States, with distinct keys
   * @return a consumer of envelopes (from {@link #updateEnvelope} or {@link #fullStateEncoder})
   * @throws IllegalArgumentException (from the consumer) if the bytes are not an update or full state
   */
  public static Consumer<byte[]> receiver(State... states) {
    Consumer<Envelope> merger = StateReplication.merger(states);
    return bytes -> merger.accept((Envelope) decode(bytes));
  }
}
