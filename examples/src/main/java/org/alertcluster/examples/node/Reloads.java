package org.alertcluster.examples.node;

import org.alertcluster.examples.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGHUP} → {@link Node#reload()}, as Alertmanager reloads on the signal. Without a handler
 * the JVM treats {@code SIGHUP} as a request to exit, which would take the replica out of the
 * cluster. Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17+), the only
 * way a Java process can catch the signal.
 */
final class Reloads {

  private static final Logger LOG = LoggerFactory.getLogger(Reloads.class);

  private Reloads() {}

  static void onSighup(Node node) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        LOG.info("SIGHUP: reloading configuration");
        Thread t = new Thread(() -> {
          try {
            node.reload();
          } catch (ConfigException e) {
            // logged by reload; the running configuration stays
          }
        }, "reload");
        t.setDaemon(true);
        t.start();
      });
    } catch (IllegalArgumentException e) {
      LOG.warn("SIGHUP cannot be handled on this platform ({}); use POST /-/reload", e.getMessage());
    }
  }
}
