package org.alertcluster.examples.state;

import com.google.protobuf.MessageLite;
import java.util.List;

/** Lets tests in other packages encode raw entries the way the states do. */
public final class ExpiringLwwStateAccess {

  private ExpiringLwwStateAccess() {}

  public static byte[] encode(MessageLite... messages) {
    return ExpiringLwwState.encode(List.of(messages));
  }
}
