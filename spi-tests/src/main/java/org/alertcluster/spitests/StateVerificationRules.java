package org.alertcluster.spitests;

/**
 * Every rule {@link StateVerification} checks, once, with what to look at when it fails. The method
 * names are the test names: {@code required_} rules are what the cluster relies on (the
 * {@link org.alertcluster.api.State} contract), {@code optional_} rules are recommendations a host
 * may knowingly opt out of, and {@code stochastic_} rules look for races or unlikely inputs: a pass
 * proves nothing, a failure is real. Property rules run once per seed; the failure message names the
 * seed and the JVM options that replay it, and the smallest failing input found by shrinking.
 *
 * <p>"Equivalent" means {@link StateVerification#equivalent} (by default: equal snapshots).
 *
 * <p><b>Clock skew</b> is outside what these rules can see (they only check that merging
 * converges), but it decides whether the converged value is the one the operator wanted. Replicas'
 * clocks disagree by seconds, sometimes minutes. A last-write-wins State that stamps a change with
 * the local wall clock lets an edit on a replica that is behind lose against the version it
 * replaces: the host reports success and nothing changes anywhere. Stamp a change of an existing
 * entry with {@code max(now, previous + 1)} (the smallest hybrid logical clock: the change is
 * causally after what the replica showed), or carry a version counter next to the time; check after
 * a local write that it took effect, and report an error if it did not. The example replica's
 * silences and notification log do this, and so does the sample {@code LwwMapState.put(id, value)}.
 * Time an entry's expiry from the later of its end and its stamp: a tombstone timed from the clock
 * of a replica far behind is already expired for the others, which drop it as stale gossip.
 */
public interface StateVerificationRules {

  /**
   * <b>gen01</b>: the host's generator is reproducible: two States built from the same seed with
   * {@link StateVerification#mutate} are equivalent. Every property rule rebuilds States from their
   * seed, so nothing else can be judged until this holds.
   *
   * <p>If this fails, check that {@code mutate} takes every id, value and timestamp from the Random
   * it is given (no {@code System.currentTimeMillis()}, no {@code UUID.randomUUID()}, no static
   * counter), and that {@code equivalent} does not compare identities.
   *
   * @param seed the seed
   */
  void required_gen01_seededUpdatesAreReproducible(long seed);

  /**
   * <b>gen02</b>: updates are visible: a State built with updates is not equivalent to an empty State,
   * and its snapshot is not empty. Without this, every other rule passes vacuously.
   *
   * <p>If this fails, check that {@code mutate} writes something, that {@code marshalBinary()}
   * includes every entry, and that an overridden {@code equivalent} can return false.
   */
  void required_gen02_updatesChangeTheState();

  /**
   * <b>key01</b>: {@code key()} matches {@link org.alertcluster.api.State#KEY_SYNTAX}, returns the
   * same value on every call and after merges, and is the same for every instance from
   * {@code createState()} (every replica uses the same key).
   *
   * <p>If this fails, check that the key is a constant (for example {@code "sil"}), not built from an
   * instance counter, a host name or mutable state, and uses only {@code [A-Za-z0-9._-]}.
   */
  void required_key01_keyIsValidAndStable();

  /**
   * <b>marshal01</b>: merging A's snapshot into an empty State yields a State equivalent to A
   * (totality: the snapshot is everything a new replica needs).
   *
   * <p>If this fails, check that {@code marshalBinary()} writes every entry and every field merge
   * compares (timestamps, versions, tombstones), and that {@code merge} applies them all. If your
   * snapshot's byte order is not canonical (a HashMap iterated as is), override {@code equivalent}.
   *
   * @param seed the seed
   */
  void required_marshal01_snapshotRoundTrips(long seed);

  /**
   * <b>marshal02</b>: merging an empty State's snapshot, or an empty buffer, into any State changes
   * nothing. The peer may deliver both (a replica that just started; an empty delta).
   *
   * <p>If this fails, check that {@code merge(new byte[0])} returns without changes or exceptions, and
   * that an empty snapshot is not treated as "clear everything".
   *
   * @param seed the seed
   */
  void required_marshal02_emptySnapshotMergesAsNoOp(long seed);

  /**
   * <b>marshal03</b> (optional): an empty State marshals to an empty array, as
   * {@link org.alertcluster.api.State#marshalBinary()} documents; the peer then sends nothing for it.
   *
   * <p>If this fails, check whether a header or version byte is written for an empty State; leave it
   * out when there are no entries (and accept an empty buffer in merge).
   */
  void optional_marshal03_emptyStateMarshalsToEmptyArray();

  /**
   * <b>merge01</b>: merging the same snapshot or delta twice gives the same State as merging it once
   * (idempotence). The peer re-delivers data on every anti-entropy round.
   *
   * <p>If this fails, check for merges that add (counters), append (lists, logs) or bump versions on
   * receipt; merge should keep a maximum per entry (last-write-wins) or a set union.
   *
   * @param seed the seed
   */
  void required_merge01_mergeIsIdempotent(long seed);

  /**
   * <b>merge02</b>: replica a merging b's snapshot and replica b merging a's end equivalent, and an
   * empty State merging a then b equals one merging b then a (commutativity). Broadcasts arrive in
   * no guaranteed order.
   *
   * <p>If this fails, check how conflicting entries (same id) are resolved: the winner must not
   * depend on which arrived first. Compare timestamps and break ties deterministically (by value, or
   * by a replica id), never keep "the existing one" on a tie.
   *
   * @param seed the seed
   */
  void required_merge02_mergeIsCommutative(long seed);

  /**
   * <b>merge03</b>: merging b's then c's snapshot into a equals merging into a the snapshot of b after
   * b merged c (associativity). Data reaches a replica directly or inside another replica's snapshot.
   *
   * <p>If this fails, check for state kept per buffer (counters of merges, "last buffer wins") and for
   * snapshots that omit entries learned by merging.
   *
   * @param seed the seed
   */
  void required_merge03_mergeIsAssociative(long seed);

  /**
   * <b>merge04</b>: merging a State's own snapshot into it changes nothing. Own data comes back
   * through anti-entropy.
   *
   * <p>If this fails, check that an entry equal to the one held (same id, timestamp and value) is
   * recognised and left alone, not duplicated or re-versioned.
   *
   * @param seed the seed
   */
  void required_merge04_mergingOwnSnapshotIsNoOp(long seed);

  /**
   * <b>input01</b>: when {@code merge} throws, the State is exactly as before (atomic rejection). The
   * inputs are malformed by construction: truncated snapshots, absurd varint lengths, a valid
   * snapshot followed by garbage, flipped bytes, random bytes. A merge that does not throw is not
   * judged here (some of these may be valid in some formats).
   *
   * <p>If this fails, check that merge decodes the whole buffer into a temporary list before applying
   * any of it. An {@code OutOfMemoryError} here means a length was trusted before it was checked
   * against the bytes left.
   *
   * @param seed the seed
   */
  void required_input01_rejectedInputLeavesStateUnchanged(long seed);

  /**
   * <b>input02</b>: malformed bytes (a snapshot cut short, a varint length of 2^32-1 or 2^64-1
   * followed by a few bytes) merged into an empty State either throw or visibly change it; returning
   * quietly with no change means the State swallowed them. The peer counts rejected buffers
   * ({@code mergesFailed}) and that is how operators see corruption or foreign traffic.
   *
   * <p>If this fails, check for a {@code try { … } catch (Exception e) { return; }} inside merge, or a
   * parser that stops at the first bad byte without complaint. A format in which a lone header is a
   * valid empty buffer fails the "cut short" case: reject header-only buffers.
   *
   * @param seed the seed
   */
  void required_input02_malformedInputIsNotSwallowed(long seed);

  /**
   * <b>input03</b> (stochastic): random buffers of 1 to 64 bytes merged into an empty State either
   * throw or change it. Stochastic because a lenient format may by chance accept some as data (which
   * passes), while rare inputs that are valid and empty in a format would be a false alarm.
   *
   * <p>If this fails, check as for input02: validate lengths, decode text strictly, check a version.
   *
   * @param seed the seed
   */
  void stochastic_input03_randomBytesAreNotSwallowed(long seed);

  /**
   * <b>conc01</b> (stochastic): several threads merging deltas while another marshals snapshots end
   * with a State equivalent to merging the same deltas one by one, no thread throws, and every
   * snapshot taken meanwhile can be merged. Bounded in rounds and time. A race may go unseen, so a
   * pass is no proof; a failure is a real race.
   *
   * <p>If this fails, check for plain {@code HashMap}/{@code ArrayList} fields, check-then-act updates
   * ({@code get} then {@code put}) without a lock, and {@code marshalBinary()} iterating a collection
   * that merges modify ({@code ConcurrentModificationException}). When the message says the result
   * depends on the order of merges (one thread merging the deltas in reverse order differs as
   * well), the cause is not a race but a merge that is not commutative: fix merge02 first.
   *
   * @throws Exception if interrupted
   */
  void stochastic_conc01_concurrentMergesMatchSerialOrder() throws Exception;

  /**
   * <b>size01</b>: a State with {@link StateVerification#largeStateEntries()} entries (default
   * 100&nbsp;000) marshals, merges into an empty State and is equivalent to the original, within the
   * test JVM's heap and the environment's time limit. Sizes and times are printed, not asserted.
   *
   * <p>If this fails, check for quadratic concatenation, per-entry copies of the whole state, recursion
   * per entry, or a format limit (a 16-bit entry count); or give the test JVM more heap.
   */
  void required_size01_largeStateRoundTrips();
}
