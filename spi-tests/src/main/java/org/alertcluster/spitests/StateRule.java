package org.alertcluster.spitests;

/**
 * The rules of {@link StateVerification}: id, the rule in one line, and where to look when it breaks.
 * {@link StateVerificationRules} documents the same rules at length; this enum feeds failure messages.
 */
enum StateRule {
  GEN01("gen01", "mutate(state, random) is reproducible: the same seed builds equivalent States",
      "mutate() must draw every id, value and timestamp from the Random it is given (no clock, no "
          + "global counter, no UUID.randomUUID()); otherwise no other rule can compare replicas"),
  GEN02("gen02", "updates are visible: a State with updates differs from an empty one",
      "if this fails every other rule passes vacuously: check that mutate() really writes, that "
          + "marshalBinary() includes the entries, and that equivalent() can return false"),
  KEY01("key01", "key() is valid, stable, and the same for every replica",
      "return a constant matching State.KEY_SYNTAX ([A-Za-z0-9._-]{1,64}); do not derive it from "
          + "mutable state or from an instance counter"),
  MARSHAL01("marshal01", "merging A's snapshot into an empty State yields a State equivalent to A",
      "marshalBinary() must contain every entry (totality) and merge() must apply all of them; also "
          + "check equivalent(): if your snapshot's byte order is not canonical, override it"),
  MARSHAL02("marshal02", "an empty State's snapshot, and an empty buffer, merge as a no-op",
      "merge(new byte[0]) must return without change; the empty State's marshalBinary() must be "
          + "mergeable and must not reset or overwrite entries"),
  MARSHAL03("marshal03", "an empty State marshals to an empty array (State#marshalBinary contract)",
      "return new byte[0] when there is nothing to replicate; a header-only buffer costs bytes on "
          + "every exchange and must still be accepted by older replicas"),
  MERGE01("merge01", "merging the same snapshot or delta twice changes nothing (idempotence)",
      "merge must keep a maximum (last-write-wins, set union), never add or append; the peer "
          + "delivers the same data again on every anti-entropy round and after partitions"),
  MERGE02("merge02", "a.merge(b) and b.merge(a) are equivalent (commutativity)",
      "conflicting entries need a deterministic winner independent of arrival order: compare "
          + "timestamps and break ties on the value (or a replica id), never keep 'whichever came first'"),
  MERGE03("merge03", "merging b then c equals merging the merge of b and c (associativity)",
      "a replica may receive c directly or inside a snapshot of a replica that merged it; the result "
          + "must not depend on that grouping (no per-buffer counters, no 'latest buffer wins')"),
  MERGE04("merge04", "merging a State's own snapshot into it is a no-op",
      "own data comes back through anti-entropy; merge must recognise entries it already holds "
          + "(same id and version) and leave them unchanged"),
  INPUT01("input01", "a merge that throws leaves the State exactly as it was (atomic rejection)",
      "decode the whole buffer into a temporary list first, and apply only after it parsed completely; "
          + "never apply entries while still parsing"),
  INPUT02("input02", "malformed bytes (truncated snapshot, absurd length) are not silently ignored",
      "throw IllegalArgumentException on bytes that cannot be parsed; do not catch and return, the "
          + "peer counts rejected buffers (mergesFailed) and that is how operators see corruption"),
  INPUT03("input03", "random bytes are rejected (or accepted as data), not silently ignored",
      "validate lengths against the bytes left, decode text strictly, check a version byte; "
          + "an exception swallowed inside merge() hides corrupt or foreign traffic"),
  CONC01("conc01", "concurrent merges and snapshots end equivalent to a serial order",
      "the peer merges from several receive threads while anti-entropy marshals: use concurrent "
          + "collections with atomic per-entry updates (ConcurrentMap.merge/compute) or a lock, and "
          + "make marshalBinary() iterate a concurrent collection or a copy taken under the lock"),
  SIZE01("size01", "a large State marshals and round-trips within the JVM's memory",
      "avoid per-entry copies of the whole state during marshalBinary(), quadratic concatenation and "
          + "recursion per entry; size the output buffer once, stream entries into it");

  private final String id;
  private final String text;
  private final String hint;

  StateRule(String id, String text, String hint) {
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
