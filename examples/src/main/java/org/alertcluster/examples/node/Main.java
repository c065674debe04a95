package org.alertcluster.examples.node;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;

/**
 * {@code java -jar alertcluster-node.jar [flags]} (through {@link org.alertcluster.examples.Launcher})
 * starts one replica; the demo forks its replicas with this class. Exit codes as Alertmanager's: 0
 * normal ({@code --help}, {@code --version}), 1 anything that stops the start (bad flag, bad config
 * file, port taken, unusable storage). {@code SIGHUP} reloads the configuration file in place, as
 * {@code POST /-/reload} does.
 */
public final class Main {

  private Main() {}

  /**
   * @param args flags
   */
  public static void main(String[] args) {
    List<String> list = Arrays.asList(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.print(Flags.usage());
      return;
    }
    if (list.contains("--version")) {
      System.out.println(Flags.version());
      return;
    }
    NodeOptions options;
    try {
      options = Flags.parse(args);
    } catch (UsageException e) {
      System.err.println("alertcluster-node: error: " + e.getMessage());
      System.exit(1);
      return;
    }
    configureLogging(options);
    AlertmanagerConfig config;
    try {
      config = ConfigLoader.load(options.configFile());
    } catch (ConfigException e) {
      System.err.println("error loading config: " + e.getMessage());
      System.exit(1);
      return;
    }
    Reloads reloads = Reloads.install();
    Node node;
    try {
      node = Node.start(options, config);
    } catch (Exception e) {
      // the peer's messages name ClusterConfig fields; the operator typed flags
      System.err.println("cannot start: " + Flags.namingFlags(String.valueOf(e.getMessage())));
      System.exit(1);
      return;
    }
    reloads.started(node);
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

  /** slf4j-simple reads these before the first logger is made: timestamps, level from --log.level. */
  static void configureLogging(NodeOptions o) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", o.logLevel());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
  }
}
