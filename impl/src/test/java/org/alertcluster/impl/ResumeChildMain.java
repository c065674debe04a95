package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.jgroups.View;

/**
 * A peer in its own JVM for {@link ResumeBench}, with the <em>default</em> timings (as the tarball's
 * replica: failure detection 5 s, probe interval 1 s, probe timeout 500 ms). Arguments: cluster
 * name, bind address ({@code ip:port}), known peers (comma-separated), node name, and {@code -} or
 * the directory holding {@code <name>.crt}, {@code <name>.key} and {@code <name>-ca.crt} for mutual
 * TLS. Prints {@code JOINED <name>}, then {@code VIEW <size> <view id> <System.nanoTime()>} each
 * time its view changes (polled every 2 ms; {@code nanoTime} is the system's monotonic clock on
 * Linux, the same in every JVM of the machine). Leaves at end of input; halts after 10 minutes.
 */
public final class ResumeChildMain {

  private ResumeChildMain() {}

  static ClusterConfig config(String cluster, String bind, String known, String name,
      String tlsDir) {
    ClusterConfig.Builder b = ClusterConfig.builder().clusterName(cluster).bindAddress(bind)
        .knownPeers(Arrays.asList(known.split(","))).nodeName(name);
    if (!tlsDir.equals("-")) {
      Path dir = Path.of(tlsDir);
      b.tls(TlsConfig.builder().certificateFile(dir.resolve(name + ".crt").toString())
          .keyFile(dir.resolve(name + ".key").toString())
          .caFile(dir.resolve(name + "-ca.crt").toString()).build());
    }
    return b.build();
  }

  public static void main(String[] args) throws Exception {
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "resume-child");
      t.setDaemon(true);
      return t;
    });
    timers.schedule(() -> Runtime.getRuntime().halt(3), 10, TimeUnit.MINUTES);
    try (JGroupsPeer peer = JGroupsPeer.start(config(args[0], args[1], args[2], args[3], args[4]))) {
      System.out.println("JOINED " + peer.name());
      System.out.flush();
      View[] last = new View[1];
      timers.scheduleWithFixedDelay(() -> {
        View v = peer.channelForTesting().getView();
        if (v != null && !v.equals(last[0])) {
          last[0] = v;
          System.out.println("VIEW " + v.size() + " " + v.getViewId() + " " + System.nanoTime());
          System.out.flush();
        }
      }, 0, 2, TimeUnit.MILLISECONDS);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // commands are not needed: the bench only signals this process
      }
      peer.leave(Duration.ofSeconds(2));
    }
  }
}
