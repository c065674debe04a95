package org.alertcluster.api;

import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A piece of replicated state, owned by the host and kept in step across the cluster by a
 * {@link Peer}. This is Alertmanager's {@code cluster.State}: the silences ({@code "sil"}) and the
 * notification log ({@code "nfl"}) are the two canonical examples.
 *
 * <p>The cluster never interprets the bytes. It relies on three properties, which the conformance
 * kit ({@code alertcluster-spi-tests}, class {@code StateVerification}) checks for a host's own
 * implementation:
 * <ol>
 *   <li><b>Convergence.</b> {@link #merge(byte[])} is idempotent, commutative and associative: two
 *       replicas that have merged the same set of snapshots and deltas, in any order and any number of
 *       times, hold equivalent state. A last-write-wins map keyed by id, with a timestamp per entry, has
 *       these properties; a counter that adds on every merge does not.</li>
 *   <li><b>Totality.</b> {@link #marshalBinary()} returns everything a new replica needs, in a form
 *       {@link #merge(byte[])} accepts. A delta passed to {@link Channel#broadcast(byte[])} is in the same
 *       form (a snapshot of just the entries that changed).</li>
 *   <li><b>Atomic rejection.</b> {@link #merge(byte[])} either merges all of a buffer or, when it cannot
 *       parse it, throws and leaves the state exactly as it was.</li>
 * </ol>
 *
 * <p><b>Threading.</b> The peer calls {@link #merge(byte[])} from its receive threads, possibly
 * several at once, and {@link #marshalBinary()} from its anti-entropy thread while merges and local
 * writes go on. Implementations must be thread-safe. Neither method may block for long (no I/O, no
 * waiting on other replicas): a slow merge delays every later message from the same sender.
 *
 * <p><b>Service property.</b> Registered as an OSGi service (the State whiteboard), a State is adopted
 * by every peer whose cluster matches {@link #CLUSTER_PROPERTY}, or by every peer when the property
 * is absent. {@link #key()} is authoritative; {@link #KEY_PROPERTY} may be set as well so that other
 * bundles can filter on it.
 */
@ConsumerType
public interface State {

  /**
   * Service property carrying a State's (and its Channel's) key, {@value}. The peer sets it on the
   * {@link Channel} service it registers for each adopted State, so a host component can
   * {@code @Reference(target = "(alertcluster.state.key=sil)") Channel silences}.
   */
  String KEY_PROPERTY = "alertcluster.state.key";

  /**
   * Optional service property, {@value}: the {@link ClusterConfig#clusterName() cluster name} of the
   * peer(s) that should adopt this State. Absent means every peer in the container.
   */
  String CLUSTER_PROPERTY = "alertcluster.cluster";

  /** Longest key accepted, in characters: {@value}. */
  int MAX_KEY_LENGTH = 64;

  /**
   * Keys are 1 to {@value #MAX_KEY_LENGTH} characters of {@code [A-Za-z0-9._-]}: short, because the key
   * travels with every message, and plain, because it appears in metrics labels, service filters and
   * file names.
   */
  Pattern KEY_SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_LENGTH + "}");

  /**
   * The key under which this State is replicated, for example {@code "sil"}. Every replica of the same
   * State must use the same key; it must not change over the life of the object.
   *
   * @return a key matching {@link #KEY_SYNTAX}
   */
  String key();

  /**
   * A full snapshot of this State, sent to peers that join, after a partition heals and on every
   * anti-entropy round. Called concurrently with {@link #merge(byte[])} and local writes; it must
   * return a consistent snapshot (entries may be missing only if they were written concurrently).
   *
   * <p>If this method throws, the peer logs and counts the failure and leaves this key out of the
   * exchange; other keys are still sent.
   *
   * @return the serialized state; an empty array for an empty State. Never {@code null}.
   */
  byte[] marshalBinary();

  /**
   * Merges a snapshot or a delta produced by another replica's {@link #marshalBinary()} or
   * {@link Channel#broadcast(byte[])}. Must be idempotent, commutative and associative (see the class
   * documentation). Called from receive threads, possibly concurrently.
   *
   * <p>The peer hands over a buffer that the State may keep; it is not reused.
   *
   * @param data bytes from a remote replica; possibly empty, possibly garbage
   * @throws IllegalArgumentException (or any runtime exception) if the bytes cannot be parsed; the
   *     State must then be exactly as it was before the call. The peer logs, counts
   *     ({@link ClusterMetric#MERGES_FAILED}) and drops the buffer; it keeps running.
   */
  void merge(byte[] data);

  /**
   * Whether {@code key} is acceptable as a {@link #key()}.
   *
   * @param key a candidate key, may be {@code null}
   * @return true if it matches {@link #KEY_SYNTAX}
   */
  static boolean isValidKey(String key) {
    return key != null && KEY_SYNTAX.matcher(key).matches();
  }
}
