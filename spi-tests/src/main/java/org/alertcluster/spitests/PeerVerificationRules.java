package org.alertcluster.spitests;

/**
 * Every rule {@link PeerVerification} checks, once, with what to look at when it fails. The rules
 * use the api alone, so they hold for any {@link org.alertcluster.api.Peer} implementation. Each test
 * starts its own peers on 127.0.0.1 (ports proven free, a cluster name unique to the test, short
 * settle and probe timings) and closes all of them afterwards, also on failure.
 */
public interface PeerVerificationRules {

  /**
   * <b>join01</b>: {@link PeerVerification#peerCount()} peers, each knowing the first, join one
   * cluster: every peer sees the same members, sorted by name, including itself, and the positions
   * are 0..N-1, each used once, each equal to the index of the peer's own name.
   *
   * <p>If this fails, check discovery (knownPeers parsed and contacted), the join timeout, the sort
   * order of {@code members()} (by name, not by join order) and that {@code position()} is computed
   * from the same sorted list.
   */
  void required_join01_peersJoinAndAgreeOnMembership();

  /**
   * <b>ready01</b>: {@code ready()} completes once the peer has settled, {@code status()} is then
   * {@code READY} or {@code READY_AFTER_TIMEOUT}, and {@code awaitReady} returns true.
   *
   * <p>If this fails, check the settle decision (quiet period settleInterval × settleStablePolls,
   * bounded by settleTimeout) and that the {@code ready()} stage is completed when the status changes, from
   * either path.
   *
   * @throws Exception if interrupted
   */
  void required_ready01_readyCompletesAfterSettling() throws Exception;

  /**
   * <b>bcast01</b>: a small broadcast from each peer reaches the State with the same key on every
   * other peer.
   *
   * <p>If this fails, check the send queue and its thread, how the receiver finds the State by key,
   * and that {@code merge} gets the broadcast bytes unchanged.
   */
  void required_bcast01_broadcastsReachEveryOtherPeer();

  /**
   * <b>bcast02</b>: a broadcast larger than {@code oversizedMessageThreshold} (three times it) reaches
   * every other peer.
   *
   * <p>If this fails, check the oversized queue and sender, fragmentation and message size limits in
   * the transport.
   */
  void required_bcast02_oversizedBroadcastsReachEveryOtherPeer();

  /**
   * <b>state01</b>: a peer that joins after the others have written entries (locally, never
   * broadcast) receives all of them through the join-time full-state exchange, well before
   * anti-entropy (set to one minute) could deliver them.
   *
   * <p>If this fails, check that joining triggers a full-state exchange with an existing member, that
   * every key's {@code marshalBinary()} is sent and that the joiner merges it (also when its State
   * was added right after the peer was created).
   */
  void required_state01_lateJoinerReceivesFullState();

  /**
   * <b>state02</b>: a State added to a peer that is already joined and ready is caught up with the
   * entries the other members hold for that key.
   *
   * <p>If this fails, check that {@code addState} on a joined peer starts an exchange for that key
   * (Alertmanager's #1457: a State registered after the first exchange stays empty until the next
   * anti-entropy round).
   */
  void required_state02_stateAddedAfterJoinIsCaughtUp();

  /**
   * <b>leave01</b>: when a peer leaves, the others' membership listeners get {@code left} (not
   * {@code failed}) for it, it disappears from their {@code members()}, and its own status is
   * {@code LEFT}.
   *
   * <p>If this fails, check that {@code leave} announces a graceful leave before disconnecting, and
   * that the view change is classified as a leave on the other side.
   */
  void required_leave01_leaveIsSeenAsLeft();

  /**
   * <b>fail01</b>: when a peer crashes ({@link PeerVerification#crash}), the others' listeners get
   * {@code failed} (not {@code left}) for it and it disappears from their {@code members()}. Skipped
   * when the implementation offers no way to crash a peer in-process.
   *
   * <p>If this fails, check failure detection (probeInterval, failureDetectionTimeout, probeTimeout)
   * and that a view change without a goodbye is reported as a failure.
   */
  void required_fail01_crashIsSeenAsFailed();

  /**
   * <b>name01</b>: a peer with another cluster name, pointed at a cluster's first peer, stays apart:
   * for a while after it is ready, both sides keep their own membership and its broadcasts do not
   * reach the cluster's States (nor theirs it).
   *
   * <p>If this fails, check that the cluster name is enforced on join and on every message, not only
   * used as a discovery label.
   */
  void required_name01_clustersWithDifferentNamesStayApart();

  /**
   * <b>heal01</b>: three peers are split into {2, 1} by the host's
   * {@link org.alertcluster.spitests.support.LinkControl} (see
   * {@link PeerVerification#linkControl()}); once each side's view has shrunk, each side writes an
   * entry; the links are restored. Then all three are one view again and every State holds both
   * entries. Skipped when the host gives no link control.
   *
   * <p>If this fails, check that subgroups are looked for again after a partition (discovery of
   * failed peers, merge detection) and that after a merge every member exchanges full state with
   * the members it was apart from: an update broadcast while the views disagreed was dropped and
   * only that exchange carries it.
   */
  void required_heal01_splitWrittenHealedClusterConverges();

  /**
   * <b>remove01</b>: after {@code removeState(key)} on a peer, data broadcast for that key by others
   * is no longer merged into the removed State, its channel is gone from {@code channel(key)}, and
   * broadcasting on the old channel sends nothing.
   *
   * <p>If this fails, check that {@code removeState} unregisters the State from the receive path and
   * disables its channel.
   */
  void required_remove01_removeStateStopsDelivery();

  /**
   * <b>rank01</b> (api 1.1): in a cluster of {@link PeerVerification#peerCount()} peers, for 60 keys,
   * every peer's {@code ranking(key)} is the same list, equal to
   * {@link org.alertcluster.api.Rendezvous#rank} of its {@code members()}; {@code rank(key)} is the
   * index of the peer's {@code self()} in it; and every peer ranks first for at least one key (the
   * work spreads; with 3 peers each owns about 20 of the 60).
   *
   * <p>If this fails, check that {@code ranking} and {@code rank} are not overridden with another
   * order (position order ranks every key alike), and that {@code self()} equals this peer's entry
   * in {@code members()}.
   */
  void required_rank01_everyPeerRanksEachKeyAlike();

  /**
   * <b>ack01</b> (api 1.1): {@code broadcastAcknowledged} from one peer of a ready cluster completes
   * within the timeout with every other peer's {@code self()} acknowledged and none missing, and at
   * that moment every other peer's State already holds the update; a peer alone gets an already
   * complete, empty acknowledgement.
   *
   * <p>If this fails, check that members answer after {@code State.merge} returned (not on receipt),
   * how answers are correlated with the update, and that the stage is completed when the last
   * member of the view has answered.
   *
   * @throws Exception if interrupted
   */
  void required_ack01_acknowledgedBroadcastCompletesWhenEveryoneApplied() throws Exception;

  /**
   * <b>ack02</b> (api 1.1): a peer without a State under the key cannot apply the update: it is
   * reported in {@code notAcknowledged} (the others in {@code acknowledged}), and the stage completes
   * by the timeout at the latest (plus a margin of {@link PeerVerification#timeout()}).
   *
   * <p>If this fails, check that a member reports "not applied" (or stays silent until the timeout),
   * that the timeout completes the stage, and that only real answers count as acknowledged.
   *
   * @throws Exception if interrupted
   */
  void required_ack02_memberThatDidNotApplyIsReported() throws Exception;
}
