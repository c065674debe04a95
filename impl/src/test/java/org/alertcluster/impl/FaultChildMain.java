package org.alertcluster.impl;

import java.time.Duration;
import java.util.List;
import org.alertcluster.spitests.support.FreePorts;

/**
 * A peer in its own JVM, for {@link ForkedFaultTest}: joins the cluster named by the first argument
 * through the known peer in the second, then answers the commands of {@link ChildPeerLoop}; halts
 * after 120 s in any case.
 */
public final class FaultChildMain {

  private FaultChildMain() {}

  public static void main(String[] args) throws Exception {
    var config = ForkedFaultTest.config(args[0], FreePorts.next())
        .knownPeers(List.of(args[1])).build();
    ChildPeerLoop.serve(config, Duration.ofSeconds(120));
  }
}
