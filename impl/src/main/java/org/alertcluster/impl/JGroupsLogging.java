package org.alertcluster.impl;

import org.jgroups.Global;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' own logging through slf4j, like ours. JGroups' {@link LogFactory} picks log4j2
 * when its core is visible, slf4j otherwise, and falls back to java.util.logging when
 * {@code Class.forName} cannot see slf4j (a class-loader boundary). Unless the host chose a JGroups
 * logger explicitly ({@code jgroups.log_class}, {@code jgroups.use_jdk_logger}, or a custom
 * factory), install a factory that always uses slf4j. JGroups is embedded privately in the OSGi
 * bundle, so there this affects only our copy.
 *
 * <p>One JGroups message is demoted from ERROR to DEBUG: "failed sending graceful close". JGroups
 * 5.5 logs it when both ends close the same TCP connection at once (two members that dialled each
 * other simultaneously keep one connection and close the other; a member leaving). Nothing is lost
 * (the other end has closed already; messages are retransmitted by NAKACK2/UNICAST3), and with
 * merge detection running several times a second it is common enough to drown real errors.
 */
final class JGroupsLogging {

  static final String BENIGN_CLOSE = "failed sending graceful close";

  private JGroupsLogging() {}

  static synchronized void install() {
    if (LogFactory.getCustomLogFactory() != null
        || System.getProperty(Global.LOG_CLASS) != null || LogFactory.useJdkLogger()) {
      return;
    }
    LogFactory.setCustomLogFactory(new org.jgroups.logging.CustomLogFactory() {
      @Override
      public org.jgroups.logging.Log getLog(Class<?> clazz) {
        return new QuietCloseLog(clazz.getName());
      }

      @Override
      public org.jgroups.logging.Log getLog(String category) {
        return new QuietCloseLog(category);
      }
    });
  }

  /** slf4j, with the benign close race at DEBUG. */
  static final class QuietCloseLog extends Slf4jLogImpl {
    QuietCloseLog(String category) {
      super(category);
    }

    @Override
    public void error(String format, Object... args) {
      if (format != null && format.contains(BENIGN_CLOSE)) {
        debug(format, args);
      } else {
        super.error(format, args);
      }
    }

    @Override
    public void error(String msg) {
      if (msg != null && msg.contains(BENIGN_CLOSE)) {
        debug(msg);
      } else {
        super.error(msg);
      }
    }
  }
}
