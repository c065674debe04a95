package org.alertcluster.spitests;

/**
 * The rules of {@link PeerVerification}: id, the rule in one line, and where to look when it breaks.
 * {@link PeerVerificationRules} documents the same rules at length.
 */
enum PeerRule {
  JOIN01("join01", "peers that know the first peer join it and agree on membership and positions",
      "discovery (knownPeers parsed and contacted), the join timeout, and that members() is sorted "
          + "by name and includes self on every peer"),
  READY01("ready01", "ready() completes after settling, with status READY or READY_AFTER_TIMEOUT",
      "the settle decision (quiet period settleInterval × settleStablePolls), the settle timeout, and that the "
          + "ready() stage is completed from the status change"),
  BCAST01("bcast01", "a small broadcast reaches every other peer's State with the same key",
      "the send queue and its sender thread, the receive path's key lookup, and that merge is "
          + "called with the exact bytes"),
  BCAST02("bcast02", "a broadcast over oversizedMessageThreshold reaches every other peer",
      "the oversized queue and its sender, fragmentation (FRAG) and message size limits"),
  STATE01("state01", "a peer that joins late receives the full state of the cluster",
      "the join-time full-state exchange: marshalBinary of every key on the existing members, "
          + "delivery to the joiner, merge on arrival"),
  STATE02("state02", "a State added after the peer joined is caught up with a full-state exchange",
      "addState on a joined peer must trigger an exchange for that key (Alertmanager #1457)"),
  LEAVE01("leave01", "a leaving peer is seen as left (not failed) and disappears from members()",
      "that leave() announces a graceful leave before disconnecting, and that listeners get left()"),
  FAIL01("fail01", "a crashed peer is seen as failed and disappears from members()",
      "failure detection (probeInterval, failureDetectionTimeout, probeTimeout) and that "
          + "listeners get failed(), not left()"),
  NAME01("name01", "peers with different cluster names stay apart, even when pointed at each other",
      "that the cluster name is checked on join and on every message, not only in discovery"),
  HEAL01("heal01", "a cluster split in two, written to on both sides and healed, is one view "
      + "again and every State holds the writes of both sides",
      "merge detection (reconnectInterval, probeInterval) and that every member exchanges full "
          + "state with the members it was apart from after the merge, not only one of them"),
  REMOVE01("remove01", "after removeState(key), data for that key is no longer merged",
      "that removeState unregisters the State from the receive path and stops its channel"),
  RANK01("rank01", "every peer ranks each key's members the same way (rendezvous hashing), rank(key) "
      + "is its own index there, and each peer ranks first for some keys",
      "that ranking(key) is Rendezvous.rank(key, members()) (the api's default: do not override it "
          + "with another hash) and that rank(key) finds self() in it"),
  ACK01("ack01", "broadcastAcknowledged completes with every other member acknowledged, each "
      + "having merged the update by then",
      "that a member answers only after State.merge returned, that answers are correlated with "
          + "the update, and that the stage completes when the last member of the view answered"),
  ACK02("ack02", "a member that does not apply an acknowledged broadcast (no State under the key) is "
      + "reported as not acknowledged, and the stage still completes by its timeout",
      "that a member without the State answers 'not applied' (or not at all), that the timeout "
          + "completes the stage, and that acknowledged lists only members that answered 'applied'");

  private final String id;
  private final String text;
  private final String hint;

  PeerRule(String id, String text, String hint) {
    this.id = id;
    this.text = text;
    this.hint = hint;
  }

  String id() {
    return id;
  }

  String text() {
    return text;
  }

  String hint() {
    return hint;
  }
}
