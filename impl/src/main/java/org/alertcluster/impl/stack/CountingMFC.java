package org.alertcluster.impl.stack;

import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.MFC;

/**
 * JGroups' multicast flow control, with the count of messages it dropped readable.
 *
 * <p>Why: a broadcast sent with {@code DONT_BLOCK} never waits for credits; without credits MFC
 * drops it and only counts that in a protected field. The peer sends a broadcast on the caller's
 * thread when nothing is queued (one thread hand-off less per update, see
 * {@code sync.Broadcaster}) and re-queues it for the blocking sender when this count moved.
 *
 * <p>Read through {@link StackBuilder#droppedForCredits}.
 */
final class CountingMFC extends MFC {

  /**
   * Takes MFC's protocol id: JGroups finds a protocol's headers by that id, and a subclass would
   * otherwise have none, so credit requests and replenishments would never be understood.
   */
  CountingMFC() {
    setId(ClassConfigurator.getProtocolId(MFC.class));
  }

  /** @return how many {@code DONT_BLOCK} multicasts were dropped for lack of credits */
  public long droppedForCredits() {
    return num_msgs_dropped;
  }
}
