package org.alertcluster.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.spitests.support.FreePorts;

/**
 * A peer in its own JVM, for {@link ForkedFaultTest}: joins the cluster named by the first argument
 * through the known peer in the second (with mutual TLS from the directory in the third, if given
 * and not {@code -}: see {@link #tls}), then answers the commands of {@link ChildPeerLoop}; halts
 * after 120 s in any case.
 */
public final class FaultChildMain {

  private FaultChildMain() {}

  public static void main(String[] args) throws Exception {
    var config = ForkedFaultTest.config(args[0], FreePorts.next())
        .knownPeers(List.of(args[1]));
    if (args.length > 2 && !args[2].equals("-")) {
      config.tls(tls(Path.of(args[2]), "child"));
    }
    ChildPeerLoop.serve(config.build(), Duration.ofSeconds(120));
  }

  /** Mutual TLS from {@code <name>.crt}, {@code <name>.key} and {@code <name>-ca.crt} in dir. */
  static TlsConfig tls(Path dir, String name) {
    return TlsConfig.builder().certificateFile(dir.resolve(name + ".crt").toString())
        .keyFile(dir.resolve(name + ".key").toString())
        .caFile(dir.resolve(name + "-ca.crt").toString()).build();
  }
}
