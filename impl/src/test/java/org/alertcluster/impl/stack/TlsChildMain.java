package org.alertcluster.impl.stack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.spitests.sample.LwwMapState;

/**
 * A TLS peer in a JVM of its own, for {@link TlsWriteDeadlineTest}: arguments are the cluster name,
 * the known peer, and the certificate, key and CA files. Uses {@link TlsWriteDeadlineTest#config}
 * with one {@link LwwMapState} ("sil"); prints {@code JOINED <name>}, then answers {@code SIZE} with
 * {@code SIZE <n>}; leaves at end of input and halts after 120 s in any case, so that a test that
 * dies cannot leave it running.
 */
public final class TlsChildMain {

  private TlsChildMain() {}

  public static void main(String[] args) throws Exception {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.schedule(() -> Runtime.getRuntime().halt(3), 120, TimeUnit.SECONDS);
    ClusterConfig config = TlsWriteDeadlineTest.config(args[0])
        .nodeName("child")
        .knownPeers(List.of(args[1]))
        .tls(TlsConfig.builder().certificateFile(args[2]).keyFile(args[3]).caFile(args[4]).build())
        .build();
    try (Peer peer = Peers.create(config)) {
      LwwMapState state = new LwwMapState("sil");
      peer.addState(state);
      System.out.println("JOINED " + peer.name());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("SIZE")) {
          System.out.println("SIZE " + state.size());
          System.out.flush();
        }
      }
      peer.leave(Duration.ofSeconds(2));
    }
  }
}
