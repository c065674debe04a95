package org.alertcluster.spitests.broken;

import org.alertcluster.spitests.sample.LwwEntry;

/**
 * Broken on purpose: last-write-wins without a tiebreak. On equal timestamps the entry already held
 * stays, so two replicas that saw two same-timestamp writes in different orders never converge: not
 * commutative (merge02). The commonest real-world LWW bug.
 */
public final class TieKeepsExistingState extends MapStateBase {

  @Override
  void apply(LwwEntry entry) {
    entries.merge(entry.id(), entry,
        (held, incoming) -> incoming.timestamp() > held.timestamp() ? incoming : held);
  }
}
