package org.alertcluster.examples.receiver;

import java.time.Instant;
import java.util.stream.Collectors;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log receiver: writes each notification to the log. Used by receivers with no webhook. */
public final class LogIntegration implements Integration {

  private static final Logger LOG = LoggerFactory.getLogger(LogIntegration.class);
  private final ReceiverKey key;

  /**
   * @param receiverName the receiver's name
   */
  public LogIntegration(String receiverName) {
    this.key = new ReceiverKey(receiverName, "log", 0);
  }

  @Override
  public ReceiverKey key() {
    return key;
  }

  @Override
  public boolean sendResolved() {
    return true;
  }

  @Override
  public void send(Notification n, Instant deadline) {
    LOG.info("notify receiver={} group={} status={} alerts=[{}]", n.receiver(), n.groupKey(), n.status(),
        n.alerts().stream().map(a -> a.labels().toString()).collect(Collectors.joining(", ")));
  }
}
