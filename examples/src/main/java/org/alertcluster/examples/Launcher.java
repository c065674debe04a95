package org.alertcluster.examples;

import java.util.Arrays;
import org.alertcluster.examples.demo.Demo;
import org.alertcluster.examples.node.Main;

/**
 * The jar's entry point: {@code java -jar alertcluster-node.jar demo} runs the three-replica demo,
 * anything else starts one replica ({@link Main}). It sits above both so that the demo, which forks
 * replicas, and the replica do not depend on each other.
 */
public final class Launcher {

  private Launcher() {}

  /**
   * @param args {@code demo [demo flags]}, or the replica's flags
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      System.exit(Demo.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    Main.main(args);
  }
}
