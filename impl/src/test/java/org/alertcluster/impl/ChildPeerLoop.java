package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Channel;
import org.alertcluster.spitests.sample.LwwMapState;

/**
 * The command loop of a peer in a JVM of its own ({@link FaultChildMain}, {@link NetnsPeerMain}):
 * one {@link LwwMapState} ("sil"); prints {@code JOINED <name>}, then reads commands from stdin,
 * one a line: {@code PUT <id>} writes and broadcasts an entry and prints {@code PUT-OK <id>};
 * {@code SIZE} prints {@code SIZE <n>}; {@code STATUS} prints
 * {@code STATUS <members> <entries> <hash of the sorted ids>}. Leaves at end of input, and halts
 * after {@code lifetime} in any case, so that a test that dies cannot leave it running.
 */
final class ChildPeerLoop {

  private ChildPeerLoop() {}

  static void serve(ClusterConfig config, Duration lifetime) throws Exception {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.schedule(() -> Runtime.getRuntime().halt(3), lifetime.toMillis(), TimeUnit.MILLISECONDS);
    try (JGroupsPeer peer = JGroupsPeer.start(config)) {
      LwwMapState state = new LwwMapState("sil");
      Channel channel = peer.addState(state);
      System.out.println("JOINED " + peer.name());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("PUT ")) {
          String id = line.substring(4).trim();
          channel.broadcast(state.put(id, peer.name()));
          System.out.println("PUT-OK " + id);
        } else if (line.equals("SIZE")) {
          System.out.println("SIZE " + state.size());
        } else if (line.equals("STATUS")) {
          var ids = state.entries().keySet();
          System.out.println("STATUS " + peer.clusterSize() + " " + ids.size() + " "
              + String.join(",", ids).hashCode());
        }
        System.out.flush();
      }
    }
  }

  /**
   * The parent's side of the protocol: the first line of a child's output starting with
   * {@code prefix}, waiting at most {@code within} (lines before it are consumed).
   *
   * @return the line, or null if none came in time
   */
  static String awaitLine(java.util.concurrent.BlockingQueue<String> lines, String prefix,
      Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()),
          java.util.concurrent.TimeUnit.NANOSECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }
}
