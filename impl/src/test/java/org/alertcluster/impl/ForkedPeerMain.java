package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;

/**
 * A peer in its own JVM, for {@link ForkedPeerKillTest}: joins the cluster named by the first
 * argument through the known peer in the second, prints {@code JOINED <name> <address>}, and lives
 * until its stdin closes or 60 s pass (the test kills it long before).
 */
public final class ForkedPeerMain {

  private ForkedPeerMain() {}

  public static void main(String[] args) throws Exception {
    ClusterConfig config = ClusterConfig.loopback()
        .clusterName(args[0])
        .knownPeers(List.of(args[1]))
        .build();
    try (Peer peer = Peers.create(config)) {
      System.out.println("JOINED " + peer.name() + " " + peer.self().address());
      System.out.flush();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
          while (in.readLine() != null) {
            // wait for EOF
          }
        } catch (Exception ignored) {
          // EOF or closed: fall through
        }
      });
      reader.setDaemon(true);
      reader.start();
      reader.join(Duration.ofSeconds(60).toMillis());
    }
  }
}
