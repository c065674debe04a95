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

  private Node node;
  private boolean pending;

  private Reloads() {}

  /**
   * Installs the handler before the node starts: without it a SIGHUP that arrives once the API
   * answers but before the handler exists ends the JVM (NodeProcessTest caught it under load). A
   * SIGHUP before {@link #started} is remembered and reloads once the node is there.
   *
   * @return the handler, to be given the node
   */
  static Reloads install() {
    Reloads r = new Reloads();
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> r.signalled());
    } catch (IllegalArgumentException e) {
      LOG.warn("SIGHUP cannot be handled on this platform ({}); use POST /-/reload", e.getMessage());
    }
    return r;
  }

  /** @param started the node SIGHUP reloads from now on */
  void started(Node started) {
    boolean reload;
    synchronized (this) {
      node = started;
      reload = pending;
    }
    if (reload) {
      reload(started);
    }
  }

  private void signalled() {
    Node n;
    synchronized (this) {
      n = node;
      pending = n == null;
    }
    if (n == null) {
      LOG.info("SIGHUP while starting: reloading once started");
    } else {
      reload(n);
    }
  }

  private static void reload(Node n) {
    LOG.info("SIGHUP: reloading configuration");
    Thread t = new Thread(() -> {
      try {
        n.reload();
      } catch (ConfigException e) {
        // logged by reload; the running configuration stays
      }
    }, "reload");
    t.setDaemon(true);
    t.start();
  }
}
