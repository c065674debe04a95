package org.alertcluster.osgitests.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;

/**
 * A plain-JVM peer in its own process, for container tests that need a member to crash (the test
 * kills the process with SIGKILL: no goodbye, as {@code kill -9}). Arguments: cluster name, node
 * name, port to bind on 127.0.0.1, port of the known peer on 127.0.0.1. Prints
 * {@code JOINED <name> <address>} once started and lives until its stdin closes or 120 s pass.
 * Run with only the api, impl, protobuf and slf4j jars and this class on the class path.
 */
public final class ForkedPeerMain {

  private ForkedPeerMain() {}

  public static void main(String[] args) throws Exception {
    ClusterConfig config = ClusterConfig.loopback()
        .clusterName(args[0])
        .nodeName(args[1])
        .bindAddress("127.0.0.1:" + args[2])
        .knownPeers(List.of("127.0.0.1:" + args[3]))
        .build();
    try (Peer peer = Peers.create(config)) {
      System.out.println("JOINED " + peer.name() + " " + peer.self().address());
      System.out.flush();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
          while (in.readLine() != null) {
            // wait for EOF
          }
        } catch (Exception ignored) {
          // EOF or closed: fall through
        }
      });
      reader.setDaemon(true);
      reader.start();
      reader.join(Duration.ofSeconds(120).toMillis());
    }
  }
}
