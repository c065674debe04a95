package org.alertcluster.examples.nflog;

import java.util.Objects;

/**
 * One integration of one receiver, the unit Alertmanager deduplicates by: the receiver's name, the
 * integration type and its index within the receiver.
 *
 * @param groupName the receiver's name
 * @param integration the integration type, e.g. {@code webhook}
 * @param index the index of the integration within the receiver
 */
public record ReceiverKey(String groupName, String integration, int index) {

  /** Rejects nulls and negative indexes. */
  public ReceiverKey {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(integration, "integration");
    if (index < 0) {
      throw new IllegalArgumentException("negative index");
    }
  }

  @Override
  public String toString() {
    return groupName + "/" + integration + "/" + index;
  }
}
