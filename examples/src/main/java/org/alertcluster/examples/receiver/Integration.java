package org.alertcluster.examples.receiver;

import java.time.Instant;
import org.alertcluster.examples.nflog.ReceiverKey;

/**
 * One way of delivering notifications (a webhook, the log): the unit the notification log
 * deduplicates by. Implementations are thread-safe.
 */
public interface Integration {

  /** @return the receiver name, integration type and index this integration is logged under */
  ReceiverKey key();

  /** @return whether notifications about resolved alerts are sent */
  boolean sendResolved();

  /**
   * Delivers once; the caller retries.
   *
   * @param notification what to send; never empty
   * @param deadline give up by then
   * @throws Exception when delivery failed; the message says why
   */
  void send(Notification notification, Instant deadline) throws Exception;
}
