package org.alertcluster.examples.node;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;
import org.alertcluster.examples.logging.ReplicaLogging;

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
    AlertmanagerConfig config;
    Reloads reloads;
    Node node;
    try {
      options = Flags.parse(args);
      configureLogging(options);
      config = ConfigLoader.load(options.configFile());
      // Before the node starts (a SIGHUP while starting then reloads once started instead of ending
      // the JVM) and after configureLogging (its logger would otherwise bind slf4j before the replica's provider is chosen).
      reloads = Reloads.install();
      node = Node.start(options, config);
    } catch (Exception e) {
      System.err.println(errorLine(e));
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

  /** What starts every line that stops a start, as kingpin (Alertmanager's flag parser) starts its own. */
  static final String ERROR_PREFIX = "alertcluster-node: error: ";

  /**
   * The one line printed when the replica cannot start, whatever stopped it: {@link #ERROR_PREFIX},
   * then the flag (or field) and the reason. Flag errors name their flag already; a refused
   * configuration file is named by {@code --config.file=<path>}; the peer's and the node's start
   * errors name the flag ({@code ClusterConfig} fields are rewritten to the flags that set them).
   * There were three styles before ({@code alertcluster-node: error:}, {@code error loading config:},
   * {@code cannot start:}).
   *
   * @param e why the start stopped
   * @return the line for standard error
   */
  static String errorLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof UsageException) {
      return ERROR_PREFIX + message;
    }
    if (e instanceof ConfigException) {
      return ERROR_PREFIX + "--config.file=" + message; // "<path>: line 3: ..." or "<path>: no such file"
    }
    // the peer's messages name ClusterConfig fields; the operator typed flags
    return ERROR_PREFIX + Flags.namingFlags(message);
  }

  /**
   * Alertmanager's log lines ({@code --log.level}, {@code --log.format}: logfmt or JSON, see {@link
   * ReplicaLogging}), with the cluster's configuration field names as the flags that set them.
   * Before the first logger is made: slf4j binds its provider once.
   */
  static void configureLogging(NodeOptions o) {
    ReplicaLogging.select(o.logLevel(), o.logFormat(), Flags::flagsInLogLine);
  }
}
