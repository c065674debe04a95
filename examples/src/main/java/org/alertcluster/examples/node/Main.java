package org.alertcluster.examples.node;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;

/**
 * {@code java -jar alertcluster-node.jar [flags]} (through {@link org.alertcluster.examples.Launcher})
 * starts one replica; the demo forks its replicas with this class. Exit codes: 0 normal,
 * 1 the node could not start (bad config file, port taken), 2 bad command line.
 */
public final class Main {

  private Main() {}

  /**
   * @param args flags
   */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(Flags.usage());
      return;
    }
    NodeOptions options;
    try {
      options = Flags.parse(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    AlertmanagerConfig config;
    try {
      config = ConfigLoader.load(options.configFile());
    } catch (ConfigException e) {
      System.err.println("error loading config: " + e.getMessage());
      System.exit(1);
      return;
    }
    Node node;
    try {
      node = Node.start(options, config);
    } catch (Exception e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
